using System.Diagnostics;
using SocketIo.LoadGen.Measurement;
using SocketIo.LoadGen.WebSockets;

namespace SocketIo.LoadGen.Scenarios;

/// <summary>
/// One closed-loop echo client: send one text message, wait for it to come back, record the round trip,
/// repeat. Nothing allocates per round trip.
/// </summary>
internal sealed class WsEchoClient(WebSocketClient socket, byte[] payload)
{
    private static readonly double NanosecondsPerTick = 1e9 / Stopwatch.Frequency;

    /// <summary>The connection.</summary>
    public WebSocketClient Socket => socket;

    /// <summary>Round-trip times completed inside the measured window.</summary>
    public LatencyHistogram Latency { get; } = new();

    /// <summary>Echoes that came back different from what was sent (or not as text).</summary>
    public long Mismatches { get; private set; }

    /// <summary>Why the loop stopped early (connection lost, protocol error), or null.</summary>
    public string? Failure { get; private set; }

    /// <summary>Runs round trips until the phase is <see cref="RunPhase.Stop"/> or the connection fails.</summary>
    public async Task RunAsync(RunControl control, CancellationToken cancellationToken)
    {
        try
        {
            while (control.Phase != RunPhase.Stop)
            {
                var start = Stopwatch.GetTimestamp();
                await socket.SendTextAsync(payload, cancellationToken).ConfigureAwait(false);
                var message = await socket.ReceiveAsync(cancellationToken).ConfigureAwait(false);
                var elapsed = Stopwatch.GetTimestamp() - start;
                if (message.Kind is WebSocketMessageKind.Close or WebSocketMessageKind.Disconnected)
                {
                    Failure = $"server ended the connection (code {message.CloseCode})";
                    return;
                }

                if (message.Kind != WebSocketMessageKind.Text || !message.Payload.Span.SequenceEqual(payload))
                {
                    Mismatches++;
                }

                if (control.Phase == RunPhase.Measure)
                {
                    Latency.Record((long)(elapsed * NanosecondsPerTick));
                }
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
