using System.Buffers;
using System.Buffers.Text;
using System.Text;

namespace SocketIo.Protocol.Http;

/// <summary>
/// Writes HTTP/1.1 responses into an <see cref="IBufferWriter{T}"/>. Common status lines and header names are
/// pre-encoded, so a typical response is a handful of copies and no allocation. The caller is responsible for
/// valid values (no CR/LF) and for framing (Content-Length or chunked; none on 1xx, 204, 304).
/// </summary>
internal static class HttpResponseWriter
{
    private const int MinStatusCode = 100;

    private static readonly byte[]?[] s_statusLines = BuildStatusLines();

    /// <summary>Longest chunk header: 16 hex digits and CRLF.</summary>
    private const int MaxChunkHeaderLength = 18;

    /// <summary>Writes <c>HTTP/1.1 {code} {reason}\r\n</c>.</summary>
    public static void WriteStatusLine(IBufferWriter<byte> writer, int statusCode)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentOutOfRangeException.ThrowIfLessThan(statusCode, MinStatusCode);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(statusCode, 999);
        var index = statusCode - MinStatusCode;
        if (index < s_statusLines.Length && s_statusLines[index] is { } line)
        {
            writer.Write(line);
            return;
        }

        // Unknown code: RFC 9112 §4 keeps the space before an empty reason phrase.
        writer.Write(ComposeStatusLine(statusCode));
    }

    /// <summary>Writes <c>{name}: {value}\r\n</c>.</summary>
    public static void WriteHeader(IBufferWriter<byte> writer, ReadOnlySpan<byte> name, ReadOnlySpan<byte> value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var span = writer.GetSpan(name.Length + value.Length + 4);
        name.CopyTo(span);
        var i = name.Length;
        span[i++] = (byte)':';
        span[i++] = (byte)' ';
        value.CopyTo(span[i..]);
        i += value.Length;
        span[i++] = (byte)'\r';
        span[i++] = (byte)'\n';
        writer.Advance(i);
    }

    /// <summary>Writes a header whose value is ASCII/Latin-1 text (each char becomes one byte).</summary>
    public static void WriteHeader(IBufferWriter<byte> writer, ReadOnlySpan<byte> name, ReadOnlySpan<char> value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var span = writer.GetSpan(name.Length + value.Length + 4);
        name.CopyTo(span);
        var i = name.Length;
        span[i++] = (byte)':';
        span[i++] = (byte)' ';
        i += Encoding.Latin1.GetBytes(value, span[i..]);
        span[i++] = (byte)'\r';
        span[i++] = (byte)'\n';
        writer.Advance(i);
    }

    /// <summary>Writes a header with a non-negative integer value.</summary>
    public static void WriteHeader(IBufferWriter<byte> writer, ReadOnlySpan<byte> name, long value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentOutOfRangeException.ThrowIfNegative(value);
        Span<byte> digits = stackalloc byte[20];
        Utf8Formatter.TryFormat(value, digits, out var length);
        WriteHeader(writer, name, digits[..length]);
    }

    /// <summary>Writes <c>Content-Length: {length}\r\n</c>.</summary>
    public static void WriteContentLength(IBufferWriter<byte> writer, long length) => WriteHeader(writer, "Content-Length"u8, length);

    /// <summary>Writes <c>Content-Type: {value}\r\n</c>.</summary>
    public static void WriteContentType(IBufferWriter<byte> writer, ReadOnlySpan<byte> contentType) => WriteHeader(writer, "Content-Type"u8, contentType);

    /// <summary>Writes <c>Connection: close\r\n</c>; close the connection after the response.</summary>
    public static void WriteConnectionClose(IBufferWriter<byte> writer) => WriteRaw(writer, "Connection: close\r\n"u8);

    /// <summary>Writes <c>Connection: keep-alive\r\n</c> (echoed to an HTTP/1.0 client that asked for it).</summary>
    public static void WriteConnectionKeepAlive(IBufferWriter<byte> writer) => WriteRaw(writer, "Connection: keep-alive\r\n"u8);

    /// <summary>Writes <c>Transfer-Encoding: chunked\r\n</c> (HTTP/1.1 clients only).</summary>
    public static void WriteTransferEncodingChunked(IBufferWriter<byte> writer) => WriteRaw(writer, "Transfer-Encoding: chunked\r\n"u8);

    /// <summary>Writes a cached Date line from <see cref="HttpDateHeader.GetLine"/>.</summary>
    public static void WriteDate(IBufferWriter<byte> writer, HttpDateHeader date, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(date);
        WriteRaw(writer, date.GetLine(now));
    }

    /// <summary>Writes the empty line that ends the head.</summary>
    public static void WriteEndOfHeaders(IBufferWriter<byte> writer) => WriteRaw(writer, "\r\n"u8);

    /// <summary>Writes the interim <c>HTTP/1.1 100 Continue</c> response (RFC 9110 §10.1.1).</summary>
    public static void WriteContinue(IBufferWriter<byte> writer) => WriteRaw(writer, "HTTP/1.1 100 Continue\r\n\r\n"u8);

    /// <summary>Writes one chunk: hex size, CRLF, data, CRLF. An empty <paramref name="data"/> writes nothing (it would end the body).</summary>
    public static void WriteChunk(IBufferWriter<byte> writer, ReadOnlySpan<byte> data)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (data.IsEmpty)
        {
            return;
        }

        var span = writer.GetSpan(MaxChunkHeaderLength);
        Utf8Formatter.TryFormat((ulong)data.Length, span, out var digits, new StandardFormat('x'));
        span[digits] = (byte)'\r';
        span[digits + 1] = (byte)'\n';
        writer.Advance(digits + 2);
        writer.Write(data);
        WriteRaw(writer, "\r\n"u8);
    }

    /// <summary>Writes the last chunk and the empty trailer section: <c>0\r\n\r\n</c>.</summary>
    public static void WriteFinalChunk(IBufferWriter<byte> writer) => WriteRaw(writer, "0\r\n\r\n"u8);

    /// <summary>
    /// Writes a complete fixed-length response: status line, Date (when <paramref name="date"/> is given),
    /// Content-Type (when not empty), Content-Length, <c>Connection: close</c> when <paramref name="close"/>, and the body.
    /// </summary>
    public static void WriteResponse(IBufferWriter<byte> writer, int statusCode, ReadOnlySpan<byte> contentType,
        ReadOnlySpan<byte> body, bool close, HttpDateHeader? date = null, DateTimeOffset now = default)
    {
        WriteStatusLine(writer, statusCode);
        if (date is not null)
        {
            WriteDate(writer, date, now);
        }

        if (!contentType.IsEmpty)
        {
            WriteContentType(writer, contentType);
        }

        WriteContentLength(writer, body.Length);
        if (close)
        {
            WriteConnectionClose(writer);
        }

        WriteEndOfHeaders(writer);
        writer.Write(body);
    }

    /// <summary>Writes pre-encoded bytes.</summary>
    public static void WriteRaw(IBufferWriter<byte> writer, ReadOnlySpan<byte> bytes)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(bytes);
    }

    private static byte[]?[] BuildStatusLines()
    {
        var lines = new byte[]?[506 - MinStatusCode];
        for (var code = MinStatusCode; code < 506; code++)
        {
            if (!HttpReasonPhrases.Get(code).IsEmpty)
            {
                lines[code - MinStatusCode] = ComposeStatusLine(code);
            }
        }

        return lines;
    }

    private static byte[] ComposeStatusLine(int statusCode)
    {
        var reason = HttpReasonPhrases.Get(statusCode);
        var line = new byte[9 + 3 + 1 + reason.Length + 2];
        "HTTP/1.1 "u8.CopyTo(line);
        line[9] = (byte)('0' + (statusCode / 100));
        line[10] = (byte)('0' + (statusCode / 10 % 10));
        line[11] = (byte)('0' + (statusCode % 10));
        line[12] = (byte)' ';
        reason.CopyTo(line.AsSpan(13));
        line[^2] = (byte)'\r';
        line[^1] = (byte)'\n';
        return line;
    }
}
