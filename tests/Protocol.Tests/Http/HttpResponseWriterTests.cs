using System.Buffers;
using System.Text;
using SocketIo.Protocol.Http;

namespace SocketIo.Protocol.Tests.Http;

public sealed class HttpResponseWriterTests
{
    private readonly ArrayBufferWriter<byte> _writer = new();

    private string Written => Encoding.Latin1.GetString(_writer.WrittenSpan);

    [Theory]
    [InlineData(200, "HTTP/1.1 200 OK\r\n")]
    [InlineData(101, "HTTP/1.1 101 Switching Protocols\r\n")]
    [InlineData(400, "HTTP/1.1 400 Bad Request\r\n")]
    [InlineData(413, "HTTP/1.1 413 Content Too Large\r\n")]
    [InlineData(414, "HTTP/1.1 414 URI Too Long\r\n")]
    [InlineData(417, "HTTP/1.1 417 Expectation Failed\r\n")]
    [InlineData(431, "HTTP/1.1 431 Request Header Fields Too Large\r\n")]
    [InlineData(501, "HTTP/1.1 501 Not Implemented\r\n")]
    [InlineData(505, "HTTP/1.1 505 HTTP Version Not Supported\r\n")]
    [InlineData(299, "HTTP/1.1 299 \r\n")]
    [InlineData(599, "HTTP/1.1 599 \r\n")]
    public void Status_line_is_exact(int code, string expected)
    {
        HttpResponseWriter.WriteStatusLine(_writer, code);
        Assert.Equal(expected, Written);
    }

    [Fact]
    public void Every_parser_error_status_has_a_reason_phrase()
    {
        foreach (var error in Enum.GetValues<HttpParseError>().Where(e => e != HttpParseError.None))
        {
            Assert.False(HttpReasonPhrases.Get(error.ToStatusCode()).IsEmpty, error.ToString());
        }
    }

    [Fact]
    public void Full_response_is_exact()
    {
        var date = new HttpDateHeader();
        var now = new DateTimeOffset(1994, 11, 6, 8, 49, 37, TimeSpan.Zero);
        HttpResponseWriter.WriteResponse(_writer, 200, "text/plain; charset=UTF-8"u8, "ok"u8, close: true, date, now);
        Assert.Equal("HTTP/1.1 200 OK\r\nDate: Sun, 06 Nov 1994 08:49:37 GMT\r\nContent-Type: text/plain; charset=UTF-8\r\n" +
            "Content-Length: 2\r\nConnection: close\r\n\r\nok", Written);
    }

    [Fact]
    public void Headers_and_framing_helpers_are_exact()
    {
        HttpResponseWriter.WriteStatusLine(_writer, 404);
        HttpResponseWriter.WriteHeader(_writer, "X-A"u8, "b"u8);
        HttpResponseWriter.WriteHeader(_writer, "X-Text"u8, "caf\u00e9".AsSpan());
        HttpResponseWriter.WriteHeader(_writer, "X-N"u8, 1234567890123L);
        HttpResponseWriter.WriteContentLength(_writer, 0);
        HttpResponseWriter.WriteConnectionKeepAlive(_writer);
        HttpResponseWriter.WriteTransferEncodingChunked(_writer);
        HttpResponseWriter.WriteEndOfHeaders(_writer);
        Assert.Equal("HTTP/1.1 404 Not Found\r\nX-A: b\r\nX-Text: caf\u00e9\r\nX-N: 1234567890123\r\nContent-Length: 0\r\n" +
            "Connection: keep-alive\r\nTransfer-Encoding: chunked\r\n\r\n", Written);
    }

    [Fact]
    public void Continue_and_chunks_are_exact()
    {
        HttpResponseWriter.WriteContinue(_writer);
        HttpResponseWriter.WriteChunk(_writer, "hello"u8);
        HttpResponseWriter.WriteChunk(_writer, []);
        HttpResponseWriter.WriteChunk(_writer, new byte[26]);
        HttpResponseWriter.WriteFinalChunk(_writer);
        Assert.Equal("HTTP/1.1 100 Continue\r\n\r\n5\r\nhello\r\n1a\r\n" + new string('\0', 26) + "\r\n0\r\n\r\n", Written);
    }

    [Fact]
    public void Written_chunks_decode_back()
    {
        HttpResponseWriter.WriteChunk(_writer, "abc"u8);
        HttpResponseWriter.WriteChunk(_writer, new byte[300]);
        HttpResponseWriter.WriteFinalChunk(_writer);
        var decoder = new HttpChunkedDecoder(HttpParserOptions.Default);
        var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(_writer.WrittenMemory));
        var output = new ArrayBufferWriter<byte>();
        Assert.Equal(HttpBodyStatus.Done, decoder.CopyTo(ref reader, output));
        Assert.Equal(303, output.WrittenCount);
    }

    [Fact]
    public void Date_is_rfc1123_and_cached_per_second()
    {
        Span<byte> buffer = stackalloc byte[HttpDate.Length];
        Assert.True(HttpDate.TryFormat(new DateTimeOffset(2024, 2, 29, 23, 59, 59, TimeSpan.FromHours(2)), buffer, out var written));
        Assert.Equal("Thu, 29 Feb 2024 21:59:59 GMT", Encoding.ASCII.GetString(buffer[..written]));

        var cache = new HttpDateHeader();
        var t = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var first = cache.GetLine(t).ToArray();
        Assert.Equal("Date: Mon, 01 Jan 2024 00:00:00 GMT\r\n", Encoding.ASCII.GetString(first));
        Assert.Equal(first, cache.GetLine(t.AddMilliseconds(999)).ToArray());
        Assert.Equal("Date: Mon, 01 Jan 2024 00:00:01 GMT\r\n", Encoding.ASCII.GetString(cache.GetLine(t.AddSeconds(1))));
    }
}
