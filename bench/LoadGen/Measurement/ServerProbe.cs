namespace SocketIo.LoadGen.Measurement;

/// <summary>
/// Reads what can be known about the server under test at a moment: its CPU time (from /proc, when a pid
/// was given) and its stats endpoint (when a URL was given). Scenarios take one snapshot at each end of
/// the measured window and report the differences.
/// </summary>
internal sealed class ServerProbe(int? pid, Uri? statsUrl) : IDisposable
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(5) };

    /// <summary>
    /// The snapshot that opens a window: stats first, CPU times last, so the stats request's own work falls
    /// outside the CPU window.
    /// </summary>
    public async Task<ProbeSnapshot> BeginAsync(CancellationToken cancellationToken)
    {
        var stats = await FetchStatsAsync(cancellationToken).ConfigureAwait(false);
        return new ProbeSnapshot(ServerCpu(), ProcessCpu.Own(), stats, ProcessCpu.LoadAverage());
    }

    /// <summary>The snapshot that closes a window: CPU times first (the window's edge), then stats.</summary>
    public async Task<ProbeSnapshot> EndAsync(CancellationToken cancellationToken)
    {
        var serverCpu = ServerCpu();
        var clientCpu = ProcessCpu.Own();
        var stats = await FetchStatsAsync(cancellationToken).ConfigureAwait(false);
        return new ProbeSnapshot(serverCpu, clientCpu, stats, ProcessCpu.LoadAverage());
    }

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();

    private TimeSpan? ServerCpu() => pid is { } p ? ProcessCpu.Of(p) : null;

    private async Task<ServerStats?> FetchStatsAsync(CancellationToken cancellationToken) =>
        statsUrl is null ? null : await ServerStats.FetchAsync(_http, statsUrl, cancellationToken).ConfigureAwait(false);
}
