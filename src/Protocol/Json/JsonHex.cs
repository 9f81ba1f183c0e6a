using System.Text;

namespace SocketIo.Protocol.Json;

/// <summary>Decoding of <c>\uXXXX</c> escapes, shared by the normalizer and the unescaper.</summary>
internal static class JsonHex
{
    /// <summary>Parses the four hex digits after <c>\u</c>; -1 when they are not four hex digits.</summary>
    internal static int ParseCodeUnit(ReadOnlySpan<byte> fourDigits)
    {
        if (fourDigits.Length < 4)
        {
            return -1;
        }

        var value = 0;
        for (var i = 0; i < 4; i++)
        {
            var d = HexValue(fourDigits[i]);
            if (d < 0)
            {
                return -1;
            }

            value = (value << 4) | d;
        }

        return value;
    }

    /// <summary>
    /// Reads one <c>\uXXXX</c> escape at the start of <paramref name="escape"/>, pairing it with a following
    /// low-surrogate escape. Returns the bytes consumed (6 or 12), or 0 when malformed. A lone surrogate is
    /// returned as itself in <paramref name="codePoint"/> (which is then not a valid scalar).
    /// </summary>
    internal static int ReadUnicodeEscape(ReadOnlySpan<byte> escape, out int codePoint)
    {
        codePoint = escape.Length >= 6 ? ParseCodeUnit(escape[2..]) : -1;
        if (codePoint < 0)
        {
            return 0;
        }

        if (codePoint is >= 0xD800 and <= 0xDBFF && escape.Length >= 12 && escape[6] == '\\' && escape[7] == 'u')
        {
            var low = ParseCodeUnit(escape[8..]);
            if (low is >= 0xDC00 and <= 0xDFFF)
            {
                codePoint = 0x10000 + ((codePoint - 0xD800) << 10) + (low - 0xDC00);
                return 12;
            }
        }

        return 6;
    }

    /// <summary>Writes a scalar value as UTF-8 (1 to 4 bytes); <paramref name="destination"/> must hold 4.</summary>
    internal static int WriteUtf8(int scalar, Span<byte> destination) => new Rune(scalar).EncodeToUtf8(destination);

    private static int HexValue(byte c) => c switch
    {
        >= (byte)'0' and <= (byte)'9' => c - '0',
        >= (byte)'a' and <= (byte)'f' => c - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => c - 'A' + 10,
        _ => -1,
    };
}
