using System.Buffers;

namespace SocketIo.Protocol.Http;

/// <summary>Byte classes from RFC 9110 §5.6 as vectorized <see cref="SearchValues{T}"/>.</summary>
internal static class HttpCharacters
{
    /// <summary>tchar: the bytes a token (method, field name, coding) is made of.</summary>
    public static readonly SearchValues<byte> Token =
        SearchValues.Create("!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"u8);

    /// <summary>Bytes never allowed in a field value: controls other than HTAB (so NUL, CR, LF) and DEL.</summary>
    public static readonly SearchValues<byte> InvalidFieldValue = SearchValues.Create(
        [0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x0A, 0x0B, 0x0C, 0x0D, 0x0E, 0x0F,
         0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x18, 0x19, 0x1A, 0x1B, 0x1C, 0x1D, 0x1E, 0x1F, 0x7F]);

    /// <summary>
    /// Bytes never allowed in a request target: controls, SP, DEL and '#' (a fragment is never sent).
    /// Bytes 0x80-0xFF are tolerated, as browsers send raw UTF-8 in some queries; decoding validates later.
    /// </summary>
    public static readonly SearchValues<byte> InvalidTarget = SearchValues.Create(
        [0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x0E, 0x0F,
         0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x18, 0x19, 0x1A, 0x1B, 0x1C, 0x1D, 0x1E, 0x1F,
         (byte)' ', (byte)'#', 0x7F]);

    /// <summary>Bytes of an authority (host, IP literal, port) per RFC 3986 §3.2: unreserved, sub-delims, ':', '[', ']', '%'.</summary>
    public static readonly SearchValues<byte> Authority =
        SearchValues.Create("-._~!$&'()*+,;=:[]%0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"u8);

    /// <summary>True for SP and HTAB (OWS).</summary>
    public static bool IsWhitespace(byte b) => b is (byte)' ' or (byte)'\t';

    /// <summary>True when <paramref name="span"/> is one or more tchars.</summary>
    public static bool IsToken(ReadOnlySpan<byte> span) => !span.IsEmpty && !span.ContainsAnyExcept(Token);

    /// <summary><paramref name="span"/> without leading and trailing SP/HTAB.</summary>
    public static ReadOnlySpan<byte> TrimWhitespace(ReadOnlySpan<byte> span)
    {
        var start = 0;
        while (start < span.Length && IsWhitespace(span[start]))
        {
            start++;
        }

        var end = span.Length;
        while (end > start && IsWhitespace(span[end - 1]))
        {
            end--;
        }

        return span[start..end];
    }
}
