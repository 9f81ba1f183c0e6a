using SocketIo.LoadGen.Measurement;

namespace SocketIo.LoadGen.Scenarios;

/// <summary>The rate and latency rows shared by the WebSocket and polling echo scenarios.</summary>
internal static class EchoReport
{
    /// <summary>Adds requests, requests/s and latency percentiles of <paramref name="latency"/>.</summary>
    public static Report AddRates(Report report, LatencyHistogram latency, TimeSpan elapsed)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(latency);
        return report
            .Add("seconds", "measured", elapsed.TotalSeconds, "s", 3)
            .Add("requests", "requests (acked)", latency.Count)
            .Add("requestsPerSec", "requests/s", latency.Count / elapsed.TotalSeconds, "", 0)
            .Add("p50Us", "latency p50", latency.GetPercentile(50) / 1e3, "us", 1)
            .Add("p90Us", "latency p90", latency.GetPercentile(90) / 1e3, "us", 1)
            .Add("p99Us", "latency p99", latency.GetPercentile(99) / 1e3, "us", 1)
            .Add("p999Us", "latency p99.9", latency.GetPercentile(99.9) / 1e3, "us", 1)
            .Add("maxUs", "latency max", latency.Max / 1e3, "us", 1);
    }
}
