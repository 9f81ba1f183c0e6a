using SocketIo.Engine.SocketIO;
using SocketIo.Engine.Transport;

namespace SocketIo.Host.Apps;

/// <summary>
/// The operator's dashboard feed: every second, namespace <c>/dashboard</c> gets a <c>stats</c> event with the
/// chat's connections, messages per second in and out, active rooms, open TCP connections and memory. A newly
/// connected dashboard gets the latest sample at once.
/// </summary>
internal sealed class DashboardApp : IAsyncDisposable
{
    /// <summary>The namespace dashboards connect to.</summary>
    public const string Namespace = "/dashboard";

    private readonly SocketIoNamespace _dashboard;
    private readonly ChatApp _chat;
    private readonly Func<TransportMetrics?> _metrics;
    private readonly PeriodicTimer _timer;
    private readonly Task _loop;
    private object? _latest;

    private DashboardApp(SocketIoServer io, ChatApp chat, Func<TransportMetrics?> metrics, TimeSpan period)
    {
        _chat = chat;
        _metrics = metrics;
        _dashboard = io.Of(Namespace);
        _dashboard.OnConnection(socket =>
        {
            if (Volatile.Read(ref _latest) is { } latest)
            {
                socket.Emit("stats", latest);
            }
        });
        _timer = new PeriodicTimer(period);
        _loop = RunAsync();
    }

    /// <summary>Starts pushing samples of <paramref name="chat"/> and the transport's <paramref name="metrics"/> every <paramref name="period"/>.</summary>
    public static DashboardApp Start(SocketIoServer io, ChatApp chat, Func<TransportMetrics?> metrics, TimeSpan? period = null)
    {
        ArgumentNullException.ThrowIfNull(io);
        ArgumentNullException.ThrowIfNull(chat);
        ArgumentNullException.ThrowIfNull(metrics);
        return new DashboardApp(io, chat, metrics, period ?? TimeSpan.FromSeconds(1));
    }

    /// <summary>Stops the samples.</summary>
    public async ValueTask DisposeAsync()
    {
        _timer.Dispose();
        await _loop.ConfigureAwait(false);
    }

    private async Task RunAsync()
    {
        var lastIn = _chat.Stats.MessagesIn;
        var lastOut = _chat.Stats.MessagesOut;
        var lastTime = TimeProvider.System.GetTimestamp();
        while (await _timer.WaitForNextTickAsync().ConfigureAwait(false))
        {
            var now = TimeProvider.System.GetTimestamp();
            var seconds = Math.Max(TimeProvider.System.GetElapsedTime(lastTime, now).TotalSeconds, 0.001);
            var messagesIn = _chat.Stats.MessagesIn;
            var messagesOut = _chat.Stats.MessagesOut;
            var sample = new
            {
                time = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
                connections = _chat.Connections,
                dashboards = _dashboard.Sockets.Count,
                tcpConnections = _metrics()?.ActiveConnections ?? 0,
                messagesInPerSecond = Math.Round((messagesIn - lastIn) / seconds, 1),
                messagesOutPerSecond = Math.Round((messagesOut - lastOut) / seconds, 1),
                messagesIn,
                messagesOut,
                rooms = _chat.ActiveRooms,
                workingSetBytes = Environment.WorkingSet,
                heapBytes = GC.GetTotalMemory(forceFullCollection: false),
            };
            (lastIn, lastOut, lastTime) = (messagesIn, messagesOut, now);
            Volatile.Write(ref _latest, sample);
            _dashboard.Emit("stats", sample);
        }
    }
}
