using System.Diagnostics;
using SocketIo.LoadGen.Measurement;

namespace SocketIo.LoadGen.Scenarios;

/// <summary>
/// The measured window of a closed-loop scenario: every client loops from the start, nothing is recorded
/// during the warm-up, then the server and this process are probed at both edges of a window of fixed
/// length. The outcome merges the clients' histograms, mismatches and failures.
/// </summary>
internal sealed record ClosedLoopRun(TimeSpan Elapsed, ProbeSnapshot Begin, ProbeSnapshot End, LatencyHistogram Latency, long Mismatches, string[] Failures)
{
    /// <summary>Runs <paramref name="clients"/> through warm-up, the measured window and stop.</summary>
    public static async Task<ClosedLoopRun> RunAsync(
        string name, IReadOnlyCollection<ClosedLoopClient> clients, ServerProbe probe, TimeSpan warmup, TimeSpan duration, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(clients);
        ArgumentNullException.ThrowIfNull(probe);
        ArgumentNullException.ThrowIfNull(output);
        var control = new RunControl();
        var loops = clients.Select(c => Task.Run(() => c.RunAsync(control, cancellationToken), cancellationToken)).ToArray();
        output.WriteLine($"{name}: warming up {warmup.TotalSeconds:0.#} s, measuring {duration.TotalSeconds:0.#} s");
        await Task.Delay(warmup, cancellationToken).ConfigureAwait(false);
        var begin = await probe.BeginAsync(cancellationToken).ConfigureAwait(false);
        var started = Stopwatch.GetTimestamp();
        control.Enter(RunPhase.Measure);
        await Task.Delay(duration, cancellationToken).ConfigureAwait(false);
        control.Enter(RunPhase.Stop);
        var elapsed = Stopwatch.GetElapsedTime(started);
        var end = await probe.EndAsync(cancellationToken).ConfigureAwait(false);
        await Task.WhenAll(loops).ConfigureAwait(false);

        var latency = new LatencyHistogram();
        foreach (var client in clients)
        {
            latency.Add(client.Latency);
        }

        return new ClosedLoopRun(
            elapsed,
            begin,
            end,
            latency,
            clients.Sum(c => c.Mismatches),
            [.. clients.Where(c => c.Failure is not null).Select(c => c.Failure!)]);
    }

    /// <summary>
    /// Adds the mismatch and failure rows (labelled <paramref name="mismatchLabel"/>), writes the report,
    /// lists the first distinct failures and returns the exit code: 0 when round trips were measured and
    /// none was wrong or failed.
    /// </summary>
    public int Finish(Report report, string name, string mismatchLabel, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);
        report.Add("mismatches", mismatchLabel, Mismatches)
            .Add("failedClients", "failed clients", Failures.Length);
        report.WriteTo(output);
        foreach (var failure in Failures.Distinct().Take(5))
        {
            output.WriteLine($"{name}: client failure: {failure}");
        }

        return Mismatches == 0 && Failures.Length == 0 && Latency.Count > 0 ? 0 : 1;
    }
}
