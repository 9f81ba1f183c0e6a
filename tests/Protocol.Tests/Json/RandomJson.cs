using System.Globalization;
using System.Text;

namespace SocketIo.Protocol.Tests.Json;

/// <summary>
/// Deterministic JSON text generation for differential tests: mostly valid documents with random whitespace,
/// escapes, non-ASCII text, number forms and nesting (sometimes past the depth limit), plus byte-level mutations
/// that turn them into near-misses.
/// </summary>
internal static class RandomJson
{
    private static readonly string[] Whitespace = ["", "", "", " ", "\n", "\r\n", "\t", "  "];

    private static readonly string[] Numbers =
    [
        "0", "-0", "1", "-1", "42", "0.5", "-0.25", "1e5", "1E+5", "1e-7", "2.5E-3", "123456789012345678901234567890",
        "1e400", "-1e-400", "0e0", "9007199254740993",
    ];

    private static readonly string[] Escapes = ["\\n", "\\\"", "\\\\", "\\/", "\\b", "\\f", "\\r", "\\t", "\\u0041", "\\u00e9", "\\ud83d\\ude00", "\\ud800", "\\uDC00", "\\u0000"];

    private static readonly string[] TextPieces =
    [
        "a", "hello", " ", "é", "ü", "😀", "\u2028", "中文", "<>&'+", "x\u007fy", "The quick brown fox jumps over the lazy dog. ",
    ];

    private static readonly byte[] InterestingBytes =
    [
        (byte)'"', (byte)'\\', (byte)',', (byte)':', (byte)'[', (byte)']', (byte)'{', (byte)'}', (byte)'0', (byte)'1',
        (byte)'-', (byte)'+', (byte)'.', (byte)'e', (byte)'E', (byte)'u', (byte)'t', (byte)'n', (byte)' ', (byte)'\n',
        0x00, 0x01, 0x1F, 0x7F, 0x80, 0xBF, 0xC0, 0xC3, 0xE2, 0xED, 0xEF, 0xF0, 0xF4, 0xF5, 0xFF, (byte)'/', (byte)'\f',
    ];

    /// <summary>One document: depth up to about <paramref name="maxNesting"/> (deep chains are generated now and then).</summary>
    internal static byte[] Document(Random random, int maxNesting = 6)
    {
        var value = new StringBuilder();
        AppendValue(value, random, maxNesting);
        if (random.Next(20) == 0)
        {
            // A deep chain around the limit of 64, to compare depth handling.
            var depth = 58 + random.Next(10);
            var open = new StringBuilder();
            var close = new StringBuilder();
            for (var i = 0; i < depth; i++)
            {
                var array = random.Next(2) == 0;
                open.Append(array ? "[" : "{\"k\":");
                close.Insert(0, array ? ']' : '}');
            }

            value.Insert(0, open).Append(close);
        }

        return Encoding.UTF8.GetBytes(Ws(random) + value + Ws(random));
    }

    /// <summary>A copy of <paramref name="input"/> with one to three random edits.</summary>
    internal static byte[] Mutate(byte[] input, Random random)
    {
        var bytes = new List<byte>(input);
        var edits = 1 + random.Next(3);
        for (var e = 0; e < edits; e++)
        {
            var at = bytes.Count == 0 ? 0 : random.Next(bytes.Count);
            switch (random.Next(6))
            {
                case 0 when bytes.Count > 0:
                    bytes[at] = InterestingBytes[random.Next(InterestingBytes.Length)];
                    break;
                case 1:
                    bytes.Insert(at, InterestingBytes[random.Next(InterestingBytes.Length)]);
                    break;
                case 2 when bytes.Count > 0:
                    bytes.RemoveAt(at);
                    break;
                case 3 when bytes.Count > 0:
                    bytes[at] ^= (byte)(1 << random.Next(8));
                    break;
                case 4 when bytes.Count > 0:
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
                default:
                    bytes.Insert(at, (byte)random.Next(256));
                    break;
            }
        }

        return [.. bytes];
    }

    private static void AppendValue(StringBuilder text, Random random, int nesting)
    {
        switch (random.Next(nesting > 0 ? 8 : 5))
        {
            case 0:
                text.Append(Numbers[random.Next(Numbers.Length)]);
                break;
            case 1:
                text.Append(random.Next(1000).ToString(CultureInfo.InvariantCulture));
                break;
            case 2:
                AppendString(text, random);
                break;
            case 3:
                text.Append(random.Next(3) switch { 0 => "true", 1 => "false", _ => "null" });
                break;
            case 4:
                AppendString(text, random);
                break;
            case 5:
            case 6:
                text.Append('[').Append(Ws(random));
                var count = random.Next(5);
                for (var i = 0; i < count; i++)
                {
                    text.Append(i > 0 ? "," + Ws(random) : string.Empty);
                    AppendValue(text, random, nesting - 1);
                    text.Append(Ws(random));
                }

                text.Append(']');
                break;
            default:
                text.Append('{').Append(Ws(random));
                var properties = random.Next(4);
                for (var i = 0; i < properties; i++)
                {
                    text.Append(i > 0 ? "," + Ws(random) : string.Empty);
                    AppendString(text, random);
                    text.Append(Ws(random)).Append(':').Append(Ws(random));
                    AppendValue(text, random, nesting - 1);
                    text.Append(Ws(random));
                }

                text.Append('}');
                break;
        }
    }

    private static void AppendString(StringBuilder text, Random random)
    {
        text.Append('"');
        var pieces = random.Next(random.Next(10) == 0 ? 40 : 4);
        for (var i = 0; i < pieces; i++)
        {
            text.Append(random.Next(4) == 0 ? Escapes[random.Next(Escapes.Length)] : TextPieces[random.Next(TextPieces.Length)]);
        }

        text.Append('"');
    }

    private static string Ws(Random random) => Whitespace[random.Next(Whitespace.Length)];
}
