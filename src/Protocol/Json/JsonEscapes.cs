using System.Buffers;

namespace SocketIo.Protocol.Json;

/// <summary>
/// The escape forms <c>JSON.stringify</c> uses: only <c>"</c>, <c>\</c>, U+0000-U+001F and lone surrogates are
/// escaped, the short forms where JS has one, otherwise <c>\u00xx</c> with lowercase hex.
/// </summary>
internal static class JsonEscapes
{
    /// <summary>The bytes that must be escaped inside a UTF-8 JSON string written the JS way.</summary>
    internal static readonly SearchValues<byte> Utf8BytesToEscape = SearchValues.Create(
        "\0\u0001\u0002\u0003\u0004\u0005\u0006\u0007\b\t\n\u000b\f\r\u000e\u000f\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c\u001d\u001e\u001f\"\\"u8);

    /// <summary>The UTF-16 code units to inspect: the escaped ones plus every surrogate (lone ones are escaped).</summary>
    internal static readonly SearchValues<char> CharsToInspect = SearchValues.Create(
        "\0\u0001\u0002\u0003\u0004\u0005\u0006\u0007\b\t\n\u000b\f\r\u000e\u000f\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c\u001d\u001e\u001f\"\\"
        + CreateSurrogateRange());

    private const string LowerHex = "0123456789abcdef";

    /// <summary>True when JS escapes this UTF-16 code unit inside a string (surrogates only when unpaired).</summary>
    internal static bool MustEscape(int codeUnit) => codeUnit < 0x20 || codeUnit == '"' || codeUnit == '\\';

    /// <summary>Length of the escape of <paramref name="codeUnit"/>: 2 for the short forms, 6 for <c>\uxxxx</c>.</summary>
    internal static int EscapedLength(int codeUnit) => ShortForm(codeUnit) != 0 ? 2 : 6;

    /// <summary>Writes the JS escape of one code unit (a control, quote, backslash or lone surrogate).</summary>
    internal static int Write(int codeUnit, Span<byte> destination)
    {
        var shortForm = ShortForm(codeUnit);
        if (shortForm != 0)
        {
            destination[1] = (byte)shortForm;
            destination[0] = (byte)'\\';
            return 2;
        }

        destination[5] = (byte)LowerHex[codeUnit & 0xF];
        destination[4] = (byte)LowerHex[(codeUnit >> 4) & 0xF];
        destination[3] = (byte)LowerHex[(codeUnit >> 8) & 0xF];
        destination[2] = (byte)LowerHex[(codeUnit >> 12) & 0xF];
        destination[1] = (byte)'u';
        destination[0] = (byte)'\\';
        return 6;
    }

    /// <summary>UTF-16 twin of <see cref="Write(int, Span{byte})"/>.</summary>
    internal static int Write(int codeUnit, Span<char> destination)
    {
        var shortForm = ShortForm(codeUnit);
        if (shortForm != 0)
        {
            destination[1] = shortForm;
            destination[0] = '\\';
            return 2;
        }

        destination[5] = LowerHex[codeUnit & 0xF];
        destination[4] = LowerHex[(codeUnit >> 4) & 0xF];
        destination[3] = LowerHex[(codeUnit >> 8) & 0xF];
        destination[2] = LowerHex[(codeUnit >> 12) & 0xF];
        destination[1] = 'u';
        destination[0] = '\\';
        return 6;
    }

    private static char ShortForm(int codeUnit) => codeUnit switch
    {
        '"' => '"',
        '\\' => '\\',
        '\b' => 'b',
        '\f' => 'f',
        '\n' => 'n',
        '\r' => 'r',
        '\t' => 't',
        _ => '\0',
    };

    private static string CreateSurrogateRange()
    {
        var chars = new char[0xE000 - 0xD800];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = (char)(0xD800 + i);
        }

        return new string(chars);
    }
}
