using System.Diagnostics;
using System.Net.Sockets;
using SocketIo.LoadGen.Measurement;

namespace SocketIo.LoadGen.Scenarios;

/// <summary>
/// A client in a closed loop: one request, wait for its reply, record the round trip while the run is in
/// <see cref="RunPhase.Measure"/>, repeat until <see cref="RunPhase.Stop"/>. Subclasses supply the round trip
/// itself (<see cref="RoundTripAsync"/>); the loop, the timing and the failure handling are shared by the
/// <c>echo</c>, <c>polling</c> and <c>ws-echo</c> scenarios.
/// </summary>
internal abstract class ClosedLoopClient
{
    private static readonly double NanosecondsPerTick = 1e9 / Stopwatch.Frequency;

    /// <summary>Round trips completed inside the measured window.</summary>
    public LatencyHistogram Latency { get; } = new();

    /// <summary>Replies that did not match their request.</summary>
    public long Mismatches { get; private set; }

    /// <summary>Why the loop stopped early (connection lost, protocol error, time limit), or null.</summary>
    public string? Failure { get; private set; }

    /// <summary>Runs round trips until the phase is <see cref="RunPhase.Stop"/> or the connection fails.</summary>
    public async Task RunAsync(RunControl control, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(control);
        try
        {
            while (control.Phase != RunPhase.Stop)
            {
                var start = Stopwatch.GetTimestamp();
                var matched = await RoundTripAsync(cancellationToken).ConfigureAwait(false);
                var elapsed = Stopwatch.GetTimestamp() - start;
                if (!matched)
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
        catch (Exception ex) when (ex is SocketException or InvalidDataException or ObjectDisposedException)
        {
            Failure = ex.Message;
        }
    }

    /// <summary>
    /// Sends one request and waits for its reply; false when the reply is wrong. Throws
    /// <see cref="InvalidDataException"/> (its message becomes <see cref="Failure"/>) when the loop cannot go on.
    /// </summary>
    protected abstract ValueTask<bool> RoundTripAsync(CancellationToken cancellationToken);
}
