using System.Diagnostics;
using System.Text;
using SocketIo.LoadGen.Measurement;
using SocketIo.LoadGen.SocketIo;

namespace SocketIo.LoadGen.Scenarios;

/// <summary>
/// One closed-loop <c>message-with-ack</c> client over HTTP long-polling: POST the event with ack id N, GET
/// until ack N arrives (answering pings with a POST), record the round trip, repeat.
/// </summary>
internal sealed class PollingEchoClient(PollingHttpClient http, string payload)
{
    private static readonly double NanosecondsPerTick = 1e9 / Stopwatch.Frequency;
    private static readonly byte[] PongBody = "3"u8.ToArray();
    private readonly byte[] _eventSuffix = Encoding.UTF8.GetBytes($"[\"message-with-ack\",\"{payload}\"]");
    private readonly byte[] _ackSuffix = Encoding.UTF8.GetBytes($"[\"{payload}\"]");

    /// <summary>The connection.</summary>
    public PollingHttpClient Http => http;

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
                await http.PostAsync(packet.AsMemory(0, length + _eventSuffix.Length), cancellationToken).ConfigureAwait(false);
                var acked = false;
                while (!acked)
                {
                    var body = await http.GetAsync(cancellationToken).ConfigureAwait(false);
                    var pinged = false;
                    foreach (var range in body.Span.Split((byte)0x1E))
                    {
                        var part = body.Span[range];
                        if (part.SequenceEqual("2"u8))
                        {
                            pinged = true;
                        }
                        else if (part.StartsWith("43"u8))
                        {
                            acked = true;
                            if (!SioPacket.TryReadNumberAfter(part, "43"u8, out var ackId, out var end) || ackId != id || !part[end..].SequenceEqual(_ackSuffix))
                            {
                                Mismatches++;
                            }
                        }
                    }

                    if (pinged)
                    {
                        await http.PostAsync(PongBody, cancellationToken).ConfigureAwait(false);
                    }
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
