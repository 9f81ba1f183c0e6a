namespace SocketIo.Protocol.Http;

/// <summary>
/// WHATWG percent-decoding (URL Standard §1.3): <c>%XX</c> becomes the byte, a <c>%</c> not followed by two hex
/// digits stays literal. Output is never longer than input, so a destination of the input's length always fits.
/// </summary>
internal static class HttpPercentDecoding
{
    /// <summary>
    /// Decodes <paramref name="source"/> into <paramref name="destination"/>; with <paramref name="plusAsSpace"/>
    /// (form/query encoding) <c>+</c> becomes a space. False only when <paramref name="destination"/> is too small.
    /// </summary>
    public static bool TryDecode(ReadOnlySpan<byte> source, Span<byte> destination, bool plusAsSpace, out int written)
    {
        // Fast path: nothing to decode.
        if (source.IndexOfAny((byte)'%', plusAsSpace ? (byte)'+' : (byte)'%') < 0)
        {
            written = source.Length;
            return source.TryCopyTo(destination);
        }

        written = 0;
        var i = 0;
        while (i < source.Length)
        {
            if ((uint)written >= (uint)destination.Length)
            {
                written = 0;
                return false;
            }

            destination[written++] = Next(source, ref i, plusAsSpace);
        }

        return true;
    }

    /// <summary>True when <paramref name="source"/> decodes to exactly <paramref name="expected"/> (no buffer needed).</summary>
    public static bool DecodedEquals(ReadOnlySpan<byte> source, ReadOnlySpan<byte> expected, bool plusAsSpace)
    {
        if (source.Length < expected.Length)
        {
            return false;
        }

        var i = 0;
        foreach (var e in expected)
        {
            if (i >= source.Length || Next(source, ref i, plusAsSpace) != e)
            {
                return false;
            }
        }

        return i == source.Length;
    }

    /// <summary>Decodes the byte at <paramref name="index"/> and advances past it.</summary>
    private static byte Next(ReadOnlySpan<byte> source, ref int index, bool plusAsSpace)
    {
        var b = source[index];
        if (b == (byte)'%' && index + 2 < source.Length && TryHexPair(source[index + 1], source[index + 2], out var decoded))
        {
            index += 3;
            return decoded;
        }

        index++;
        return plusAsSpace && b == (byte)'+' ? (byte)' ' : b;
    }

    private static bool TryHexPair(byte high, byte low, out byte value)
    {
        var h = HexValue(high);
        var l = HexValue(low);
        value = (byte)((h << 4) | l);
        return (h | l) >= 0;
    }

    private static int HexValue(byte b) => b switch
    {
        >= (byte)'0' and <= (byte)'9' => b - '0',
        >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
        _ => -1,
    };
}
