using System.Diagnostics;
using System.Text;
using SocketIo.LoadGen.Measurement;
using SocketIo.LoadGen.SocketIo;

namespace SocketIo.LoadGen.Scenarios;

/// <summary>
/// One closed-loop <c>message-with-ack</c> client over WebSocket: emit with ack id N, wait for ack N carrying
/// the same argument, record the round trip, repeat.
/// </summary>
internal sealed class SioEchoClient(SioWebSocket socket, string payload)
{
    private static readonly double NanosecondsPerTick = 1e9 / Stopwatch.Frequency;
    private readonly byte[] _eventSuffix = Encoding.UTF8.GetBytes($"[\"message-with-ack\",\"{payload}\"]");
    private readonly byte[] _ackSuffix = Encoding.UTF8.GetBytes($"[\"{payload}\"]");

    /// <summary>The connection.</summary>
    public SioWebSocket Socket => socket;

    /// <summary>Round trips completed inside the measured window.</summary>
    public LatencyHistogram Latency { get; } = new();

    /// <summary>Acks with a wrong id or argument.</summary>
    public long Mismatches { get; private set; }

    /// <summary>Why the loop stopped early, or null.</summary>
    public string? Failure { get; private set; }

    /// <summary>Runs round trips until the phase is <see cref="RunPhase.Stop"/> or the connection fails.</summary>
    public async Task RunAsync(RunControl control, CancellationToken cancellationToken)
    {
        var packet = new byte[2 + 20 + _eventSuffix.Length];
        "42"u8.CopyTo(packet);
        long id = 0;
        try
        {
            while (control.Phase != RunPhase.Stop)
            {
                var length = 2 + SioPacket.WriteNumber(packet.AsSpan(2), id);
                _eventSuffix.CopyTo(packet, length);
                var start = Stopwatch.GetTimestamp();
                await socket.SendAsync(packet.AsMemory(0, length + _eventSuffix.Length), cancellationToken).ConfigureAwait(false);
                while (true)
                {
                    var reply = await socket.ReceiveAsync(cancellationToken).ConfigureAwait(false);
                    if (!reply.Span.StartsWith("43"u8))
                    {
                        continue; // the auth event on connection
                    }

                    if (!SioPacket.TryReadNumberAfter(reply.Span, "43"u8, out var ackId, out var end) || ackId != id || !reply.Span[end..].SequenceEqual(_ackSuffix))
                    {
                        Mismatches++;
                    }

                    break;
                }

                var elapsed = Stopwatch.GetTimestamp() - start;
                if (control.Phase == RunPhase.Measure)
                {
                    Latency.Record((long)(elapsed * NanosecondsPerTick));
                }

                id++;
            }
        }
        catch (OperationCanceledException)
        {
            Failure = "cancelled (the run's time limit passed)";
        }
        catch (Exception ex) when (ex is System.Net.Sockets.SocketException or InvalidDataException or ObjectDisposedException)
        {
            Failure = ex.Message;
        }
    }
}
