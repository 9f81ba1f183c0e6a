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
            var run = await ClosedLoopRun.RunAsync(Name, clients, probe, warmup, duration, output, token).ConfigureAwait(false);
            var messages = run.Latency.Count;
            var report = new Report(Name)
                .Add("url", "server", url.ToString())
                .Add("clients", "clients", clientCount)
                .Add("size", "payload", size, "B")
                .Add("seconds", "measured", run.Elapsed.TotalSeconds, "s", 3)
                .Add("messages", "round trips", messages)
                .Add("msgsPerSec", "messages/s", messages / run.Elapsed.TotalSeconds, "", 0);
            EchoReport.AddPercentiles(report, run.Latency);
            WindowReport.AddTo(report, run.Begin, run.End, messages, "msg");
            return run.Finish(report, Name, "wrong echoes", output);
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
