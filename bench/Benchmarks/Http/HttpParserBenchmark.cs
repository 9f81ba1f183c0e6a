using System.Buffers;
using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using SocketIo.Protocol.Http;

namespace SocketIo.Benchmarks.Http;

/// <summary>
/// Request-head parsing for the two requests a Socket.IO server sees most: a WebSocket upgrade and an
/// Engine.IO polling GET with typical browser headers. Each category's baseline is a plain Span.CopyTo of the
/// same bytes (the parser copies the head once, so this is its floor).
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class HttpParserBenchmark
{
    private const string Upgrade = "GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\n" +
        "Host: localhost:3000\r\nConnection: Upgrade\r\nPragma: no-cache\r\nCache-Control: no-cache\r\n" +
        "User-Agent: Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36\r\n" +
        "Upgrade: websocket\r\nOrigin: http://localhost:3000\r\nSec-WebSocket-Version: 13\r\n" +
        "Accept-Encoding: gzip, deflate, br, zstd\r\nAccept-Language: en-US,en;q=0.9\r\n" +
        "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n" +
        "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n\r\n";

    private const string Polling = "GET /socket.io/?EIO=4&transport=polling&t=N8hyd6w&sid=lv_VI97HAXpY6yYWAAAC HTTP/1.1\r\n" +
        "Host: localhost:3000\r\nConnection: keep-alive\r\n" +
        "sec-ch-ua: \"Chromium\";v=\"126\", \"Not.A/Brand\";v=\"24\"\r\nsec-ch-ua-mobile: ?0\r\n" +
        "User-Agent: Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36\r\n" +
        "sec-ch-ua-platform: \"Linux\"\r\nAccept: */*\r\nOrigin: http://localhost:8080\r\nSec-Fetch-Site: same-site\r\n" +
        "Sec-Fetch-Mode: cors\r\nSec-Fetch-Dest: empty\r\nReferer: http://localhost:8080/\r\n" +
        "Accept-Encoding: gzip, deflate, br, zstd\r\nAccept-Language: en-US,en;q=0.9\r\n" +
        "Cookie: io=lv_VI97HAXpY6yYWAAAC\r\n\r\n";

    private readonly HttpRequestParser _parser = new();
    private readonly HttpRequestHead _head = new();
    private readonly byte[] _copyTarget = new byte[4096];
    private readonly byte[] _sid = new byte[64];
    private ReadOnlySequence<byte> _upgrade;
    private ReadOnlySequence<byte> _polling;

    [GlobalSetup]
    public void Setup()
    {
        _upgrade = new ReadOnlySequence<byte>(Encoding.ASCII.GetBytes(Upgrade));
        _polling = new ReadOnlySequence<byte>(Encoding.ASCII.GetBytes(Polling));
        if (ParseUpgrade() != 1 || ParsePolling() != 20)
        {
            throw new InvalidOperationException("benchmark requests did not parse");
        }
    }

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("Upgrade")]
    public int CopyUpgrade()
    {
        _upgrade.FirstSpan.CopyTo(_copyTarget);
        return _copyTarget[0];
    }

    [Benchmark]
    [BenchmarkCategory("Upgrade")]
    public int ParseUpgrade()
    {
        _parser.Parse(_upgrade, _head, out _, out _);
        return _head.IsWebSocketUpgrade ? 1 : 0;
    }

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("Polling")]
    public int CopyPolling()
    {
        _polling.FirstSpan.CopyTo(_copyTarget);
        return _copyTarget[0];
    }

    [Benchmark]
    [BenchmarkCategory("Polling")]
    public int ParsePolling()
    {
        _parser.Parse(_polling, _head, out _, out _);
        return HttpQuery.TryGetValue(_head.Query, "sid"u8, _sid, out var written) ? written : -1;
    }
}
