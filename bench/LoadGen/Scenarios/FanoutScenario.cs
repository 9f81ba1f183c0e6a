using System.Diagnostics;
using System.Text;
using SocketIo.LoadGen.Cli;
using SocketIo.LoadGen.Measurement;
using SocketIo.LoadGen.SocketIo;

namespace SocketIo.LoadGen.Scenarios;

/// <summary>
/// <c>fanout</c>: C clients join one room; client 0 also publishes <c>to-room</c> B times with sequence
/// numbers, keeping at most a window of its own copies outstanding. Reports deliveries/s, completion time,
/// CPU on both sides and server CPU and allocation per delivery; every client checks every message arrived
/// exactly once and in order.
/// </summary>
internal sealed class FanoutScenario : IScenario
{
    private const string Room = "bench";
    private static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(3);

    /// <inheritdoc />
    public string Name => "fanout";

    /// <inheritdoc />
    public string Usage => SioRunOptions.Usage +
        """
          --clients N                 room members, the publisher included (default 1000)
          --messages B                messages published in the measured round (default 1000)
          --warmup-messages B         messages in the unmeasured round before it (default 200)
          --size BYTES                padding string in each message (default 32)
          --window W                  published messages not yet received back by the publisher (default 32)
          --timeout S                 give up on a round after this (default 60)
          --receive-low-water BYTES   while a round is published, members other than the publisher are woken
                                      only once this much is queued (SO_RCVLOWAT; 1 = every wake-up) (default 2048)
          --receive-buffer BYTES      each client's receive buffer (default 64 MiB / clients, 4 KiB to 64 KiB)
        """;

    /// <inheritdoc />
    public async Task<int> RunAsync(ScenarioArguments arguments, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(output);
        var options = SioRunOptions.Read(arguments);
        var clientCount = arguments.GetInt("clients", 1000, 1, 100_000);
        var messages = arguments.GetInt("messages", 1000, 1, 10_000_000);
        var warmupMessages = arguments.GetInt("warmup-messages", 200, 0, 10_000_000);
        var size = arguments.GetInt("size", 32, 0, 1_000_000);
        var window = arguments.GetInt("window", 32, 1, 100_000);
        var timeout = arguments.GetSeconds("timeout", 60);
        var receiveBuffer = arguments.GetInt("receive-buffer", Math.Clamp((64 << 20) / clientCount, 4096, 65536), 256, 16 << 20);
        var lowWater = arguments.GetInt("receive-low-water", 2048, 1, 1 << 20);
        arguments.ThrowIfUnused();

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter((3 * timeout) + TimeSpan.FromSeconds(120));
        var token = limit.Token;

        output.WriteLine($"fanout: connecting {clientCount} clients to {options.Url}");
        var (sockets, errors) = await SioConnector.ConnectManyAsync(options.Endpoint, clientCount, options.Addresses, options.ConnectConcurrency, 2048, i => i == 0, token).ConfigureAwait(false);
        using var publishWindow = new SemaphoreSlim(window, int.MaxValue);
        using var stopReceiving = CancellationTokenSource.CreateLinkedTokenSource(token);
        try
        {
            if (errors.Length > 0)
            {
                output.WriteLine($"fanout: {sockets.Count(s => s is null)} connections failed: {string.Join("; ", errors)}");
                return 1;
            }

            await JoinAllAsync(sockets!, options.ConnectConcurrency, token).ConfigureAwait(false);
            var clients = sockets.Select((s, i) => new FanoutClient(s!, i == 0 ? publishWindow : null, receiveBuffer)).ToArray();
            FanoutRound? current = null;
            var loops = clients.Select(c => Task.Run(() => c.RunAsync(() => Volatile.Read(ref current), stopReceiving.Token), token)).ToArray();
            var padding = new string('x', size);
            using var probe = new ServerProbe(options.ServerPid, options.StatsUrl);

            if (warmupMessages > 0)
            {
                output.WriteLine($"fanout: warm-up round of {warmupMessages} messages");
                var warmup = new FanoutRound(0, warmupMessages, clientCount);
                Volatile.Write(ref current, warmup);
                await PublishAsync(clients, warmup, padding, publishWindow, lowWater, token).ConfigureAwait(false);
                await warmup.AllDone.WaitAsync(timeout, token).ConfigureAwait(false);
            }

            output.WriteLine($"fanout: measured round of {messages} messages to {clientCount} clients");
            var round = new FanoutRound(1, messages, clientCount);
            var begin = await probe.BeginAsync(token).ConfigureAwait(false);
            var rssBegin = options.ServerPid is { } pid0 ? ProcessCpu.RssBytes(pid0) : null;
            var started = Stopwatch.GetTimestamp();
            Volatile.Write(ref current, round);
            var completed = true;
            try
            {
                await PublishAsync(clients, round, padding, publishWindow, lowWater, token).ConfigureAwait(false);
                await round.AllDone.WaitAsync(timeout, token).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                completed = false;
            }

            var elapsed = Stopwatch.GetElapsedTime(started);
            var end = await probe.EndAsync(token).ConfigureAwait(false);
            var rssEnd = options.ServerPid is { } pid1 ? ProcessCpu.RssBytes(pid1) : null;
            await stopReceiving.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(loops).ConfigureAwait(false);

            long deliveries = (long)clientCount * messages;
            long expectedTotal = (long)clientCount * (messages + warmupMessages);
            var received = clients.Sum(c => c.Received);
            var orderErrors = clients.Sum(c => c.Errors);
            var failures = clients.Where(c => c.Failure is not null).Select(c => c.Failure!).ToArray();
            double? serverCpu = end.ServerCpu is { } e && begin.ServerCpu is { } b ? (e - b).TotalSeconds : null;
            var report = new Report(Name)
                .Add("url", "server", options.Url.ToString())
                .Add("clients", "clients (room members)", clientCount)
                .Add("messages", "messages published", messages)
                .Add("size", "padding", size, "B")
                .Add("deliveries", "deliveries", deliveries)
                .Add("seconds", "completion time", elapsed.TotalSeconds, "s", 3)
                .Add("deliveriesPerSec", "delivered messages/s", deliveries / elapsed.TotalSeconds, "", 0)
                .Add("deliveriesPerServerCpuSec", "deliveries per server CPU second", serverCpu > 0 ? deliveries / serverCpu : null, "", 0);
            WindowReport.AddTo(report, begin, end, deliveries, "delivery");
            report.Add("serverRssMiB", "server RSS at end", rssEnd / 1048576.0, "MiB", 1)
                .Add("serverRssGrowthMiB", "server RSS growth in round", rssEnd - rssBegin is { } g ? g / 1048576.0 : null, "MiB", 1)
                .Add("lost", "messages lost", Math.Max(0, expectedTotal - received))
                .Add("orderErrors", "duplicated/out of order", orderErrors)
                .Add("failedClients", "failed clients", failures.Length)
                .Add("completed", "completed", completed ? "yes" : "no (timed out)");
            report.WriteTo(output);
            foreach (var failure in failures.Distinct().Take(5))
            {
                output.WriteLine($"fanout: client failure: {failure}");
            }

            return completed && orderErrors == 0 && failures.Length == 0 && received == expectedTotal ? 0 : 1;
        }
        finally
        {
            await stopReceiving.CancelAsync().ConfigureAwait(false);
            await SioConnector.CloseAllAsync(sockets, CloseTimeout).ConfigureAwait(false);
        }
    }

    private static async Task JoinAllAsync(SioWebSocket[] sockets, int concurrency, CancellationToken cancellationToken)
    {
        var join = Encoding.UTF8.GetBytes($"420[\"join\",\"{Room}\"]");
        await Parallel.ForEachAsync(sockets, new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken }, async (socket, ct) =>
        {
            await socket.SendAsync(join, ct).ConfigureAwait(false);
            while (!(await socket.ReceiveAsync(ct).ConfigureAwait(false)).Span.StartsWith("430"u8))
            {
                // The auth event may come first.
            }
        }).ConfigureAwait(false);
    }

    // While publishing, members (not the publisher, whose copies open the window) are woken only for full
    // reads; afterwards every member is woken for what is left, so the round's end is not held back.
    private static async Task PublishAsync(FanoutClient[] clients, FanoutRound round, string padding, SemaphoreSlim window, int lowWater, CancellationToken cancellationToken)
    {
        var publisher = clients[0].Socket;
        SetLowWater(clients.AsSpan(1), lowWater);
        var prefix = Encoding.UTF8.GetBytes($"42[\"to-room\",\"{Room}\",{round.Number},");
        var suffix = Encoding.UTF8.GetBytes($",\"{padding}\"]");
        var packet = new byte[prefix.Length + 20 + suffix.Length];
        prefix.CopyTo(packet, 0);
        for (var sequence = 0; sequence < round.Messages; sequence++)
        {
            await window.WaitAsync(cancellationToken).ConfigureAwait(false);
            var length = prefix.Length + SioPacket.WriteNumber(packet.AsSpan(prefix.Length), sequence);
            suffix.CopyTo(packet, length);
            await publisher.SendAsync(packet.AsMemory(0, length + suffix.Length), cancellationToken).ConfigureAwait(false);
        }

        SetLowWater(clients.AsSpan(1), 1);
    }

    private static void SetLowWater(ReadOnlySpan<FanoutClient> clients, int bytes)
    {
        foreach (var client in clients)
        {
            client.SetReceiveLowWater(bytes);
        }
    }
}
