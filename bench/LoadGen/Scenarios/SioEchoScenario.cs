using System.Diagnostics;
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
            var control = new RunControl();
            var loops = clients.Select(c => Task.Run(() => c.RunAsync(control, token), token)).ToArray();
            output.WriteLine($"echo: warming up {warmup.TotalSeconds:0.#} s, measuring {duration.TotalSeconds:0.#} s");
            await Task.Delay(warmup, token).ConfigureAwait(false);
            var begin = await probe.BeginAsync(token).ConfigureAwait(false);
            var started = Stopwatch.GetTimestamp();
            control.Enter(RunPhase.Measure);
            await Task.Delay(duration, token).ConfigureAwait(false);
            control.Enter(RunPhase.Stop);
            var elapsed = Stopwatch.GetElapsedTime(started);
            var end = await probe.EndAsync(token).ConfigureAwait(false);
            await Task.WhenAll(loops).ConfigureAwait(false);

            var latency = new LatencyHistogram();
            foreach (var client in clients)
            {
                latency.Add(client.Latency);
            }

            var mismatches = clients.Sum(c => c.Mismatches);
            var failures = clients.Where(c => c.Failure is not null).Select(c => c.Failure!).ToArray();
            var report = new Report(Name)
                .Add("url", "server", options.Url.ToString())
                .Add("transport", "transport", "websocket")
                .Add("clients", "clients", clientCount)
                .Add("size", "argument", size, "B");
            EchoReport.AddRates(report, latency, elapsed);
            WindowReport.AddTo(report, begin, end, latency.Count, "request");
            report.Add("mismatches", "wrong acks", mismatches)
                .Add("failedClients", "failed clients", failures.Length);
            report.WriteTo(output);
            foreach (var failure in failures.Distinct().Take(5))
            {
                output.WriteLine($"echo: client failure: {failure}");
            }

            return mismatches == 0 && failures.Length == 0 && latency.Count > 0 ? 0 : 1;
        }
        finally
        {
            await SioConnector.CloseAllAsync(sockets, CloseTimeout).ConfigureAwait(false);
        }
    }
}
