using System.Diagnostics;
using SocketIo.LoadGen.Cli;
using SocketIo.LoadGen.Measurement;
using SocketIo.LoadGen.SocketIo;

namespace SocketIo.LoadGen.Scenarios;

/// <summary>
/// <c>connect</c>: N connections, each completing the Engine.IO and Socket.IO handshakes over WebSocket,
/// spread over source addresses. Reports connections/s, failures, server CPU per connection and the
/// server's RSS growth per connection once they sit idle.
/// </summary>
internal sealed class ConnectScenario : IScenario
{
    private static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(5);

    /// <inheritdoc />
    public string Name => "connect";

    /// <inheritdoc />
    public string Usage => SioRunOptions.Usage +
        """
          --connections N             connections to open (default 10000)
          --idle S                    seconds to hold them idle before reading the server's RSS (default 5: the Host's
                                      idle memory reducer runs 1-1.5 s after the last connection)
        """;

    /// <inheritdoc />
    public async Task<int> RunAsync(ScenarioArguments arguments, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(output);
        var options = SioRunOptions.Read(arguments);
        var count = arguments.GetInt("connections", 10_000, 1, 1_000_000);
        var idle = arguments.GetSeconds("idle", 5);
        arguments.ThrowIfUnused();

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(idle + TimeSpan.FromSeconds(180));
        var token = limit.Token;
        using var probe = new ServerProbe(options.ServerPid, options.StatsUrl);
        var rssBefore = options.ServerPid is { } pid0 ? ProcessCpu.RssBytes(pid0) : null;
        output.WriteLine($"connect: opening {count} connections to {options.Url} from {options.Addresses.Count} source address(es), {options.ConnectConcurrency} in flight");
        var begin = await probe.BeginAsync(token).ConfigureAwait(false);
        var started = Stopwatch.GetTimestamp();
        var (sockets, errors) = await SioConnector.ConnectManyAsync(options.Endpoint, count, options.Addresses, options.ConnectConcurrency, 512, _ => false, token).ConfigureAwait(false);
        var elapsed = Stopwatch.GetElapsedTime(started);
        var end = await probe.EndAsync(token).ConfigureAwait(false);
        try
        {
            var connected = sockets.Count(s => s is not null);
            await Task.Delay(idle, token).ConfigureAwait(false);
            var rssIdle = options.ServerPid is { } pid1 ? ProcessCpu.RssBytes(pid1) : null;
            double? perConnection = rssIdle - rssBefore is { } growth && connected > 0 ? (double)growth / connected : null;
            var report = new Report(Name)
                .Add("url", "server", options.Url.ToString())
                .Add("connections", "connections attempted", count)
                .Add("connected", "connections completed", connected)
                .Add("failures", "failures", count - connected)
                .Add("sourceAddresses", "source addresses", options.Addresses.Count)
                .Add("seconds", "time to connect all", elapsed.TotalSeconds, "s", 3)
                .Add("connectionsPerSec", "connections/s", connected / elapsed.TotalSeconds, "", 0);
            WindowReport.AddTo(report, begin, end, connected, "connection");
            report.Add("serverRssBeforeMiB", "server RSS before", rssBefore / 1048576.0, "MiB", 1)
                .Add("serverRssIdleMiB", "server RSS idle with all open", rssIdle / 1048576.0, "MiB", 1)
                .Add("rssBytesPerConnection", "server RSS per idle connection", perConnection, "B", 0);
            report.WriteTo(output);
            foreach (var error in errors)
            {
                output.WriteLine($"connect: failure: {error}");
            }

            return connected == count ? 0 : 1;
        }
        finally
        {
            await SioConnector.CloseAllAsync(sockets, CloseTimeout).ConfigureAwait(false);
        }
    }
}
