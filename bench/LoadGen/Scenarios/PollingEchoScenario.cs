using SocketIo.LoadGen.Cli;
using SocketIo.LoadGen.Measurement;
using SocketIo.LoadGen.SocketIo;

namespace SocketIo.LoadGen.Scenarios;

/// <summary>
/// <c>polling</c>: the <c>echo</c> scenario over HTTP long-polling only (raw HTTP/1.1 keep-alive requests,
/// one connection per client). A request here is one acked event: a POST and at least one GET.
/// </summary>
internal sealed class PollingEchoScenario : IScenario
{
    /// <inheritdoc />
    public string Name => "polling";

    /// <inheritdoc />
    public string Usage => SioRunOptions.Usage +
        """
          --clients K                 concurrent clients, one event in flight each (default 100)
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

        output.WriteLine($"polling: opening {clientCount} polling sessions at {options.Url}");
        var opens = Enumerable.Range(0, clientCount).Select(i => PollingHttpClient.OpenAsync(options.Endpoint, options.Addresses.For(i), token)).ToArray();
        try
        {
            await Task.WhenAll(opens).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is System.Net.Sockets.SocketException or InvalidDataException or OperationCanceledException)
        {
            output.WriteLine($"polling: {opens.Count(t => !t.IsCompletedSuccessfully)} sessions failed: {ex.Message}");
            DisposeAll(opens);
            return 1;
        }

        try
        {
            var payload = new string('a', size);
            var clients = opens.Select(t => new PollingEchoClient(t.Result, payload)).ToArray();
            using var probe = new ServerProbe(options.ServerPid, options.StatsUrl);
            var run = await ClosedLoopRun.RunAsync(Name, clients, probe, warmup, duration, output, token).ConfigureAwait(false);
            var report = EchoReport.Create(Name, options.Url, "polling", clientCount, size, run);
            return run.Finish(report, Name, "wrong acks", output);
        }
        finally
        {
            DisposeAll(opens);
        }
    }

    private static void DisposeAll(Task<PollingHttpClient>[] opens)
    {
        foreach (var open in opens.Where(t => t.IsCompletedSuccessfully))
        {
            open.Result.Dispose();
        }
    }
}
