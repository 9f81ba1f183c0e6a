using System.Diagnostics;
using SocketIo.LoadGen.Cli;
using SocketIo.LoadGen.Measurement;
using SocketIo.LoadGen.WebSockets;

namespace SocketIo.LoadGen.Scenarios;

/// <summary>
/// <c>ws-echo</c>: C clients, each in a closed loop over a plain WebSocket echo endpoint. Reports messages/s,
/// round-trip latency percentiles, CPU on both sides, and server CPU and allocation per message.
/// </summary>
internal sealed class WsEchoScenario : IScenario
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(3);

    /// <inheritdoc />
    public string Name => "ws-echo";

    /// <inheritdoc />
    public string Usage =>
        """
          --url ws://HOST:PORT/PATH   echo endpoint (required)
          --clients N                 concurrent clients, one message in flight each (default 100)
          --duration S                measured seconds (default 10)
          --warmup S                  seconds run before measuring (default 3)
          --size B                    text payload bytes (default 32)
          --server-pid PID            read the server's CPU time from /proc/PID/stat
          --stats-url URL             read the server's /__stats JSON (allocated bytes, GCs, send calls)
        """;

    /// <inheritdoc />
    public async Task<int> RunAsync(ScenarioArguments arguments, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(output);
        var url = arguments.GetUri("url") ?? throw new FormatException("--url is required");
        var clientCount = arguments.GetInt("clients", 100, 1, 100_000);
        var duration = arguments.GetSeconds("duration", 10);
        var warmup = arguments.GetSeconds("warmup", 3);
        var size = arguments.GetInt("size", 32, 0, 16 * 1024 * 1024);
        var serverPid = arguments.GetOptionalInt("server-pid");
        var statsUrl = arguments.GetUri("stats-url");
        arguments.ThrowIfUnused();

        // The whole run is bounded: whatever the server does, the generator gives up after this.
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(ConnectTimeout + warmup + duration + TimeSpan.FromSeconds(30));
        var token = limit.Token;

        var payload = new byte[size];
        for (var i = 0; i < payload.Length; i++)
        {
            payload[i] = (byte)('a' + (i % 26));
        }

        output.WriteLine($"ws-echo: connecting {clientCount} clients to {url}");
        var clients = await ConnectAllAsync(url, clientCount, payload, token).ConfigureAwait(false);
        using var probe = new ServerProbe(serverPid, statsUrl);
        try
        {
            var control = new RunControl();
            var loops = clients.Select(c => Task.Run(() => c.RunAsync(control, token), token)).ToArray();

            output.WriteLine($"ws-echo: warming up {warmup.TotalSeconds:0.#} s, measuring {duration.TotalSeconds:0.#} s");
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

            var messages = latency.Count;
            var mismatches = clients.Sum(c => c.Mismatches);
            var failures = clients.Where(c => c.Failure is not null).Select(c => c.Failure!).ToArray();
            var report = new Report(Name)
                .Add("url", "server", url.ToString())
                .Add("clients", "clients", clientCount)
                .Add("size", "payload", size, "B")
                .Add("seconds", "measured", elapsed.TotalSeconds, "s", 3)
                .Add("messages", "round trips", messages)
                .Add("msgsPerSec", "messages/s", messages / elapsed.TotalSeconds, "", 0)
                .Add("p50Us", "latency p50", latency.GetPercentile(50) / 1e3, "us", 1)
                .Add("p90Us", "latency p90", latency.GetPercentile(90) / 1e3, "us", 1)
                .Add("p99Us", "latency p99", latency.GetPercentile(99) / 1e3, "us", 1)
                .Add("p999Us", "latency p99.9", latency.GetPercentile(99.9) / 1e3, "us", 1)
                .Add("maxUs", "latency max", latency.Max / 1e3, "us", 1);
            WindowReport.AddTo(report, begin, end, messages, "msg");
            report.Add("mismatches", "wrong echoes", mismatches)
                .Add("failedClients", "failed clients", failures.Length);
            report.WriteTo(output);
            foreach (var failure in failures.Distinct().Take(5))
            {
                output.WriteLine($"ws-echo: client failure: {failure}");
            }

            return mismatches == 0 && failures.Length == 0 && messages > 0 ? 0 : 1;
        }
        finally
        {
            await Task.WhenAll(clients.Select(c => c.Socket.CloseAsync(CloseTimeout))).ConfigureAwait(false);
            foreach (var client in clients)
            {
                client.Socket.Dispose();
            }
        }
    }

    private static async Task<WsEchoClient[]> ConnectAllAsync(Uri url, int count, byte[] payload, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ConnectTimeout);
        var connects = Enumerable.Range(0, count)
            .Select(_ => WebSocketClient.ConnectAsync(url, cancellationToken: timeout.Token))
            .ToArray();
        try
        {
            await Task.WhenAll(connects).ConfigureAwait(false);
        }
        catch
        {
            foreach (var connect in connects.Where(t => t.IsCompletedSuccessfully))
            {
                connect.Result.Dispose();
            }

            throw;
        }

        return [.. connects.Select(t => new WsEchoClient(t.Result, payload))];
    }
}
