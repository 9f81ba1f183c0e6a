using System.Buffers;

namespace SocketIo.Protocol.Json;

/// <summary>Finds where a value ends in JSON that has already been validated (no error checks, no allocation).</summary>
internal static class JsonValueSkipper
{
    private static readonly SearchValues<byte> StructuralOrQuote = SearchValues.Create("\"[]{}"u8);
    private static readonly SearchValues<byte> ScalarEnd = SearchValues.Create(",]} \t\r\n"u8);

    /// <summary>The offset just after the value that starts at <paramref name="start"/> in validated JSON.</summary>
    internal static int SkipValue(ReadOnlySpan<byte> validJson, int start)
    {
        switch (validJson[start])
        {
            case (byte)'"':
                return SkipString(validJson, start);
            case (byte)'[' or (byte)'{':
                var depth = 0;
                var i = start;
                while (true)
                {
                    i += validJson[i..].IndexOfAny(StructuralOrQuote);
                    switch (validJson[i])
                    {
                        case (byte)'"':
                            i = SkipString(validJson, i);
                            continue;
                        case (byte)'[' or (byte)'{':
                            depth++;
                            break;
                        default:
                            if (--depth == 0)
                            {
                                return i + 1;
                            }

                            break;
                    }

                    i++;
                }

            default:
                var end = validJson[start..].IndexOfAny(ScalarEnd);
                return end < 0 ? validJson.Length : start + end;
        }
    }

    private static int SkipString(ReadOnlySpan<byte> validJson, int quote)
    {
        var i = quote + 1;
        while (true)
        {
            i = JsonStringSearch.IndexOfQuoteBackslashOrControl(validJson, i);
            if (validJson[i] == '"')
            {
                return i + 1;
            }

            // A backslash: its escape is at least two bytes, and the second is never the closing quote.
            i += 2;
        }
    }
}
