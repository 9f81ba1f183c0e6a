using System.Buffers;
using SocketIo.Fuzz;
using SocketIo.Protocol.Http;
using static SocketIo.Protocol.Tests.Http.HttpTestRequests;

namespace SocketIo.Protocol.Tests.Http;

/// <summary>Warm hot paths allocate nothing (measured on the current thread after a warm-up).</summary>
public sealed class HttpAllocationTests
{
    private readonly HttpRequestParser _parser = new();
    private readonly HttpRequestHead _head = new();
    private readonly ReadOnlySequence<byte> _upgrade = new(Bytes(WebSocketUpgrade));
    private readonly ReadOnlySequence<byte> _polling = new(Bytes(PollingGet));
    private readonly ReadOnlySequence<byte> _pollingSplit = HttpSequences.Split(Bytes(PollingGet), [100, 300, 500]);
    private readonly ReadOnlySequence<byte> _chunked = HttpSequences.Split("5\r\nhello\r\n6;e=1\r\n world\r\n0\r\nT: v\r\n\r\n"u8, [4, 12, 30]);
    private readonly ArrayBufferWriter<byte> _writer = new(4096);
    private readonly HttpDateHeader _date = new();
    private readonly byte[] _scratch = new byte[256];
    private readonly char[] _chars = new char[256];

    private static void AssertNoAllocation(Action action)
    {
        for (var i = 0; i < 50; i++)
        {
            action();
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            action();
        }

        // Assert.Equal would itself allocate, so only Assert.True is used inside the measured actions.
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Parsing_heads_allocates_nothing() => AssertNoAllocation(() =>
    {
        Assert.True(_parser.Parse(_upgrade, _head, out _, out _) == HttpParseStatus.Done);
        Assert.True(_head.IsWebSocketUpgrade);
        Assert.True(_parser.Parse(_polling, _head, out _, out _) == HttpParseStatus.Done);
        Assert.True(_parser.Parse(_pollingSplit, _head, out _, out _) == HttpParseStatus.Done);
        Assert.True(_head.KeepAlive);
        Assert.True(_parser.Parse(_polling.Slice(0, 200), _head, out _, out _) == HttpParseStatus.NeedMoreData);
    });

    [Fact]
    public void Reading_the_query_and_headers_allocates_nothing() => AssertNoAllocation(() =>
    {
        _parser.Parse(_polling, _head, out _, out _);
        Assert.True(HttpQuery.TryGetValue(_head.Query, "sid"u8, _scratch, out var written));
        Assert.True(written == 20);
        Assert.True(HttpQuery.ValueEquals(_head.Query, "transport"u8, "polling"u8));
        Assert.True(_head.TryGetValue("referer"u8, out _));
        Assert.True(_head.HasToken(HttpKnownHeader.Connection, "keep-alive"u8));
    });

    [Fact]
    public void Decoding_a_chunked_body_allocates_nothing() => AssertNoAllocation(() =>
    {
        var decoder = new HttpChunkedDecoder(HttpParserOptions.Default);
        var reader = new SequenceReader<byte>(_chunked);
        var total = 0L;
        HttpBodyStatus status;
        while ((status = decoder.Read(ref reader, out var data)) == HttpBodyStatus.Data)
        {
            total += data.Length;
        }

        Assert.True(status == HttpBodyStatus.Done && total == 11);
    });

    [Fact]
    public void Writing_responses_allocates_nothing()
    {
        var now = DateTimeOffset.UnixEpoch.AddSeconds(1_700_000_000);
        AssertNoAllocation(() =>
        {
            _writer.ResetWrittenCount();
            HttpResponseWriter.WriteResponse(_writer, 200, "text/plain; charset=UTF-8"u8, "ok"u8, close: false, _date, now);
            HttpResponseWriter.WriteStatusLine(_writer, 101);
            HttpResponseWriter.WriteHeader(_writer, "Upgrade"u8, "websocket"u8);
            HttpResponseWriter.WriteHeader(_writer, "X-Id"u8, "abc".AsSpan());
            HttpResponseWriter.WriteChunk(_writer, "data"u8);
            HttpResponseWriter.WriteFinalChunk(_writer);
            HttpResponseWriter.WriteContinue(_writer);
        });
    }

    [Fact]
    public void Static_file_helpers_allocate_nothing() => AssertNoAllocation(() =>
    {
        Assert.True(HttpStaticFilePath.TryMap("/js/app%20x.js"u8, _chars, out var written));
        Assert.False(HttpContentTypes.FromPath(_chars.AsSpan(0, written)).IsEmpty);
        Assert.True(HttpETag.TryFormat(1234, 5678, _scratch, out var length));
        Assert.True(HttpETag.IfNoneMatch("W/\"x\", \"4d2-162e\""u8, _scratch.AsSpan(0, length)));
    });
}
