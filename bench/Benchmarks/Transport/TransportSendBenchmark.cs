using System.Globalization;
using System.Net;
using System.Net.Sockets;
using BenchmarkDotNet.Attributes;
using SocketIo.Engine.Buffers;
using SocketIo.Engine.Transport;

namespace SocketIo.Benchmarks.Transport;

/// <summary>
/// One loopback connection, 64-byte frames. Baseline: each frame is sent before the next is queued (one
/// message per send). Bursts: <see cref="Burst"/> frames are queued at once and the corked send queue
/// writes them together. Results are per message; the cleanup prints messages per send call and
/// process-wide allocated bytes per message measured over 200 steady-state bursts.
/// </summary>
[MemoryDiagnoser]
public class TransportSendBenchmark
{
    private const int Burst = 256;
    private const int FrameSize = 64;

    private readonly byte[] _payload = new byte[FrameSize];
    private TransportListener _listener = null!;
    private Socket _client = null!;
    private Thread _drain = null!;
    private TransportConnection _connection = null!;
    private SharedFrame _frame = null!;

    [GlobalSetup]
    public void Setup()
    {
        var connected = new TaskCompletionSource<TransportConnection>(TaskCreationOptions.RunContinuationsAsynchronously);
        _listener = new TransportListener(
            new TransportOptions { Endpoints = [new IPEndPoint(IPAddress.Loopback, 0)] },
            new Handler(connected));
        _listener.Start();
        _client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        _client.Connect(_listener.BoundEndpoints[0]);
        _drain = new Thread(Drain) { IsBackground = true, Name = "bench-drain" };
        _drain.Start();
        _connection = connected.Task.WaitAsync(TimeSpan.FromSeconds(30)).GetAwaiter().GetResult();
        _frame = SharedFramePool.Shared.RentCopy(_payload);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Burst)]
    public void OneFramePerSend()
    {
        for (var i = 0; i < Burst; i++)
        {
            var target = _connection.FramesSent + 1;
            _connection.Enqueue(_frame);
            WaitForFramesSent(target);
        }
    }

    [Benchmark(OperationsPerInvoke = Burst)]
    public void BurstOfSharedFrames()
    {
        var target = _connection.FramesSent + Burst;
        for (var i = 0; i < Burst; i++)
        {
            _connection.Enqueue(_frame);
        }

        WaitForFramesSent(target);
    }

    [Benchmark(OperationsPerInvoke = Burst)]
    public void BurstOfCopiedWrites()
    {
        var target = _connection.FramesSent + Burst;
        for (var i = 0; i < Burst; i++)
        {
            _connection.Write(_payload);
        }

        WaitForFramesSent(target);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        // Steady state, measured outside BenchmarkDotNet's loop so both numbers cover exactly these bursts.
        Measure(nameof(OneFramePerSend), OneFramePerSend);
        Measure(nameof(BurstOfSharedFrames), BurstOfSharedFrames);
        Measure(nameof(BurstOfCopiedWrites), BurstOfCopiedWrites);
        _frame.Release();
        _client.Dispose();
        _listener.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    private void Measure(string name, Action burst)
    {
        for (var warm = 0; warm < 20; warm++)
        {
            burst();
        }

        var frames = _connection.FramesSent;
        var calls = _connection.SendCalls;
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        for (var i = 0; i < 200; i++)
        {
            burst();
        }

        allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;
        frames = _connection.FramesSent - frames;
        calls = _connection.SendCalls - calls;
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"// transport steady state {name}: {frames} messages, {calls} sends, {(double)frames / calls:F1} messages/send, {(double)allocated / frames:F3} bytes allocated/message (process-wide)"));
    }

    private void WaitForFramesSent(long target)
    {
        var spin = default(SpinWait);
        while (_connection.FramesSent < target)
        {
            spin.SpinOnce();
        }
    }

    private void Drain()
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (_client.Receive(buffer) > 0)
            {
            }
        }
        catch (SocketException)
        {
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private sealed class Handler(TaskCompletionSource<TransportConnection> connected) : IConnectionHandler
    {
        public async ValueTask<IConnectionHandler?> OnConnectedAsync(TransportConnection connection)
        {
            connected.SetResult(connection);
            while (true)
            {
                var result = await connection.Input.ReadAsync(CancellationToken.None);
                connection.Input.AdvanceTo(result.Buffer.End);
                if (result.IsCompleted)
                {
                    return null;
                }
            }
        }
    }
}
