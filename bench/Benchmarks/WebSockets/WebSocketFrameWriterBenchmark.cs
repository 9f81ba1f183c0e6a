using BenchmarkDotNet.Attributes;
using SocketIo.Protocol.WebSockets;

namespace SocketIo.Benchmarks.WebSockets;

/// <summary>Server frame writing: a header alone (per recipient cost), and framing a 1 KiB payload once.</summary>
[MemoryDiagnoser]
public class WebSocketFrameWriterBenchmark
{
    private readonly byte[] _payload = new byte[1024];
    private readonly byte[] _destination = new byte[70_000];

    [Benchmark(Baseline = true)]
    public int CopyPayload()
    {
        _payload.AsSpan().CopyTo(_destination);
        return _destination[0];
    }

    [Benchmark]
    public int WriteFrame1KiB() => WebSocketFrameWriter.WriteFrame(_destination, WebSocketOpcode.Text, _payload);

    [Benchmark]
    public int WriteHeader7Bit() => WebSocketFrameWriter.WriteHeader(_destination, WebSocketOpcode.Text, 100);

    [Benchmark]
    public int WriteHeader16Bit() => WebSocketFrameWriter.WriteHeader(_destination, WebSocketOpcode.Text, 1024);

    [Benchmark]
    public int WriteHeader64Bit() => WebSocketFrameWriter.WriteHeader(_destination, WebSocketOpcode.Binary, 1 << 20);

    [Benchmark]
    public int WriteHeaderRightAligned() =>
        WebSocketFrameWriter.WriteHeaderRightAligned(_destination.AsSpan(0, WebSocketProtocol.MaxServerHeaderLength), WebSocketOpcode.Text, 1024);
}
