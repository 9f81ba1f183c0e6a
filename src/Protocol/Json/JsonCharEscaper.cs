using System.Text;

namespace SocketIo.Protocol.Json;

/// <summary>
/// Writes the inside of a JSON string the way JavaScript's <c>JSON.stringify</c> does (PROTOCOL.md trap 1):
/// only <c>"</c>, <c>\</c> and control characters are escaped (short forms where JSON has them, else
/// <c>\u00xx</c> in lowercase hex), a lone surrogate becomes <c>\udxxx</c>, and everything else, including
/// U+2028/U+2029 and non-ASCII, is written literally as UTF-8. Size first, then write.
/// </summary>
internal static class JsonCharEscaper
{
    private static ReadOnlySpan<byte> HexDigits => "0123456789abcdef"u8;

    /// <summary>UTF-8 length of <paramref name="text"/> once escaped, without the surrounding quotes.</summary>
    public static int GetEscapedLength(ReadOnlySpan<char> text)
    {
        var length = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c < 0x80)
            {
                length += c < 0x20 ? (ShortEscape(c) != 0 ? 2 : 6) : c is '"' or '\\' ? 2 : 1;
            }
            else if (c < 0x800)
            {
                length += 2;
            }
            else if (char.IsSurrogate(c))
            {
                if (IsPairAt(text, i))
                {
                    length += 4;
                    i++;
                }
                else
                {
                    length += 6;
                }
            }
            else
            {
                length += 3;
            }
        }

        return length;
    }

    /// <summary>Writes the escaped <paramref name="text"/>; <paramref name="destination"/> must hold
    /// <see cref="GetEscapedLength"/> bytes. Returns the bytes written.</summary>
    public static int Write(ReadOnlySpan<char> text, Span<byte> destination)
    {
        var n = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c < 0x80)
            {
                if (c >= 0x20 && c is not ('"' or '\\'))
                {
                    destination[n++] = (byte)c;
                }
                else if (c >= 0x20 || ShortEscape(c) != 0)
                {
                    destination[n++] = (byte)'\\';
                    destination[n++] = c >= 0x20 ? (byte)c : ShortEscape(c);
                }
                else
                {
                    n += WriteUnicodeEscape(c, destination[n..]);
                }
            }
            else if (char.IsSurrogate(c))
            {
                if (IsPairAt(text, i))
                {
                    n += new Rune(c, text[i + 1]).EncodeToUtf8(destination[n..]);
                    i++;
                }
                else
                {
                    n += WriteUnicodeEscape(c, destination[n..]);
                }
            }
            else
            {
                n += new Rune(c).EncodeToUtf8(destination[n..]);
            }
        }

        return n;
    }

    private static bool IsPairAt(ReadOnlySpan<char> text, int i) =>
        char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]);

    private static byte ShortEscape(char c) => c switch
    {
        '\b' => (byte)'b',
        '\t' => (byte)'t',
        '\n' => (byte)'n',
        '\f' => (byte)'f',
        '\r' => (byte)'r',
        _ => 0,
    };

    private static int WriteUnicodeEscape(char c, Span<byte> destination)
    {
        destination[0] = (byte)'\\';
        destination[1] = (byte)'u';
        destination[2] = HexDigits[c >> 12];
        destination[3] = HexDigits[(c >> 8) & 0xF];
        destination[4] = HexDigits[(c >> 4) & 0xF];
        destination[5] = HexDigits[c & 0xF];
        return 6;
    }
}
