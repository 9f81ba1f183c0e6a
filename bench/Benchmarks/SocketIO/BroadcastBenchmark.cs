using BenchmarkDotNet.Attributes;
using SocketIo.Engine.SocketIO;
using SocketIo.Engine.SocketIO.Connections;
using SocketIo.Engine.Timing;

namespace SocketIo.Benchmarks.SocketIO;

/// <summary>
/// Broadcast through the whole Socket.IO server path (operator, encode once, adapter, lock-free room walk, per
/// connection send lock, shared frame reference) to a 10,000-member room of fake connections, reported per
/// recipient (OperationsPerInvoke = recipients). Baseline: handing one pre-encoded packet to the same connections
/// in a plain loop (the floor any broadcast has to pay per recipient). Allocated bytes are per recipient; the
/// per-broadcast allocation (params array, operator arrays) is that times the recipient count.
/// </summary>
[MemoryDiagnoser]
public class BroadcastBenchmark
{
    private const int Size = 10_000;
    private static readonly ReadOnlyMemory<byte> RawArgs = "\"hello\",{\"n\":1}"u8.ToArray();

    private SocketIoServer _server = null!;
    private BroadcastBenchConnection[] _connections = [];
    private SocketIoSocket _sender = null!;
    private EncodedPacket _packet = null!;

    [GlobalSetup]
    public void Setup()
    {
        _server = new SocketIoServer(null, new TimerWheel(), loggerFactory: null);
        _connections = new BroadcastBenchConnection[Size];
        for (var i = 0; i < Size; i++)
        {
            _connections[i] = new BroadcastBenchConnection(i);
            _server.Accept(_connections[i]).OnMessage("0"u8, isBinary: false);
        }

        var sockets = _server.Sockets.Sockets.Values.ToArray();
        _sender = sockets[7];
        for (var i = 0; i < sockets.Length; i++)
        {
            sockets[i].Join("big");
            if (i % 10 == 0)
                sockets[i].Join("tenth");
            if (i % 2 == 0)
                sockets[i].Join("half");
        }

        _packet = PacketEncoder.Event("/", "/"u8.ToArray(), "news", new RawArguments(RawArgs, null), -1, _server.SerializerOptions);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _packet.Release();
        foreach (var connection in _connections)
            connection.Drain();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Size)]
    public void SendLoop_PreEncoded()
    {
        foreach (var connection in _connections)
            connection.Send(_packet);
    }

    [Benchmark(OperationsPerInvoke = Size)]
    public int ToRoom_EmitRaw() => _server.To("big").EmitRaw("news", RawArgs);

    [Benchmark(OperationsPerInvoke = Size)]
    public int ToRoom_EmitObjects() => _server.To("big").Emit("news", "hello", 1);

    [Benchmark(OperationsPerInvoke = Size)]
    public int Namespace_EmitRaw() => _server.Sockets.EmitRaw("news", RawArgs);

    [Benchmark(OperationsPerInvoke = Size - 1)]
    public int SenderExcluded_EmitRaw() => _sender.To("big").EmitRaw("news", RawArgs);

    [Benchmark(OperationsPerInvoke = Size - 1000)]
    public int Except1000_EmitRaw() => _server.To("big").Except("tenth").EmitRaw("news", RawArgs);

    [Benchmark(OperationsPerInvoke = Size - 5000)]
    public int Except5000_EmitRaw() => _server.To("big").Except("half").EmitRaw("news", RawArgs);

    [Benchmark(OperationsPerInvoke = Size)]
    public int Volatile_EmitRaw() => _server.To("big").Volatile.EmitRaw("news", RawArgs);
}
