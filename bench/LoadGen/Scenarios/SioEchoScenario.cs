using SocketIo.LoadGen.Cli;
using SocketIo.LoadGen.Measurement;
using SocketIo.LoadGen.SocketIo;

namespace SocketIo.LoadGen.Scenarios;

/// <summary>
/// <c>echo</c>: K Socket.IO clients over WebSocket, each in a closed loop of <c>message-with-ack</c>.
/// Reports requests/s, latency percentiles, CPU on both sides and server CPU and allocation per request.
/// </summary>
internal sealed class SioEchoScenario : IScenario
{
    private static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(3);

    /// <inheritdoc />
    public string Name => "echo";

    /// <inheritdoc />
    public string Usage => SioRunOptions.Usage +
        """
          --clients K                 concurrent clients, one request in flight each (default 100)
          --duration S                measured seconds (default 10)
          --warmup S                  seconds run before measuring (default 3)
          --size B                    string argument length (default 32)
        """;

    /// <inheritdoc />
    public async Task<int> RunAsync(ScenarioArguments arguments, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(output);
        var options = SioRunOptions.Read(arguments);
        var clientCount = arguments.GetInt("clients", 100, 1, 100_000);
        var duration = arguments.GetSeconds("duration", 10);
        var warmup = arguments.GetSeconds("warmup", 3);
        var size = arguments.GetInt("size", 32, 0, 1_000_000);
        arguments.ThrowIfUnused();

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(warmup + duration + TimeSpan.FromSeconds(90));
        var token = limit.Token;

        output.WriteLine($"echo: connecting {clientCount} clients to {options.Url}");
        var (sockets, errors) = await SioConnector.ConnectManyAsync(options.Endpoint, clientCount, options.Addresses, options.ConnectConcurrency, 2048, _ => false, token).ConfigureAwait(false);
        try
        {
            if (errors.Length > 0)
            {
                output.WriteLine($"echo: {sockets.Count(s => s is null)} connections failed: {string.Join("; ", errors)}");
                return 1;
            }

            var payload = new string('a', size);
            var clients = sockets.Select(s => new SioEchoClient(s!, payload)).ToArray();
            using var probe = new ServerProbe(options.ServerPid, options.StatsUrl);
            var run = await ClosedLoopRun.RunAsync(Name, clients, probe, warmup, duration, output, token).ConfigureAwait(false);
            var report = EchoReport.Create(Name, options.Url, "websocket", clientCount, size, run);
            return run.Finish(report, Name, "wrong acks", output);
        }
        finally
        {
            await SioConnector.CloseAllAsync(sockets, CloseTimeout).ConfigureAwait(false);
        }
    }
}
