using SocketIo.LoadGen.Measurement;

namespace SocketIo.LoadGen.Scenarios;

/// <summary>The report rows of the closed-loop echo scenarios.</summary>
internal static class EchoReport
{
    /// <summary>
    /// The report of a Socket.IO echo run (<c>echo</c> or <c>polling</c>): what ran, requests/s, latency
    /// percentiles and the measured window's CPU and allocation per request.
    /// </summary>
    public static Report Create(string scenario, Uri url, string transport, int clients, int size, ClosedLoopRun run)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(run);
        var report = new Report(scenario)
            .Add("url", "server", url.ToString())
            .Add("transport", "transport", transport)
            .Add("clients", "clients", clients)
            .Add("size", "argument", size, "B")
            .Add("seconds", "measured", run.Elapsed.TotalSeconds, "s", 3)
            .Add("requests", "requests (acked)", run.Latency.Count)
            .Add("requestsPerSec", "requests/s", run.Latency.Count / run.Elapsed.TotalSeconds, "", 0);
        AddPercentiles(report, run.Latency);
        WindowReport.AddTo(report, run.Begin, run.End, run.Latency.Count, "request");
        return report;
    }

    /// <summary>Adds the latency percentiles p50 to p99.9 and the maximum, in microseconds.</summary>
    public static Report AddPercentiles(Report report, LatencyHistogram latency)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(latency);
        return report
            .Add("p50Us", "latency p50", latency.GetPercentile(50) / 1e3, "us", 1)
            .Add("p90Us", "latency p90", latency.GetPercentile(90) / 1e3, "us", 1)
            .Add("p99Us", "latency p99", latency.GetPercentile(99) / 1e3, "us", 1)
            .Add("p999Us", "latency p99.9", latency.GetPercentile(99.9) / 1e3, "us", 1)
            .Add("maxUs", "latency max", latency.Max / 1e3, "us", 1);
    }
}
