using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace SocketIo.Engine.Hosting;

/// <summary>
/// Gives memory back to the operating system once the process has gone quiet after allocating: a full,
/// compacting, decommitting garbage collection, like the idle-time memory reducer of Node's V8.
/// </summary>
/// <remarks>
/// Why: the .NET GC sizes its youngest generation from the CPU cache (tens of MB here) and keeps what it once
/// committed, so after a burst of connections the garbage of their handshakes stays resident while they idle.
/// A reduction pauses the process for as long as a full GC of the live heap takes (65-137 ms with 10,000 idle
/// connections on the 2-core benchmark machine), so it runs only when the process has used almost no CPU for a
/// while, never on a busy server, and at most once per <see cref="IdleMemoryReducerOptions.MinAllocatedBytes"/>
/// allocated.
/// </remarks>
public sealed partial class IdleMemoryReducer : IAsyncDisposable
{
    private readonly IdleMemoryReducerOptions _options;
    private readonly ILogger? _logger;
    private readonly CancellationTokenSource _stop = new();
    private Task _run = Task.CompletedTask;
    private long _reductions;
    private long _lastPauseTicks;

    /// <summary>Creates a reducer; <see cref="Start"/> begins sampling.</summary>
    public IdleMemoryReducer(IdleMemoryReducerOptions? options = null, ILogger? logger = null)
    {
        _options = options ?? new IdleMemoryReducerOptions();
        _options.Validate();
        _logger = logger;
    }

    /// <summary>Reductions run so far.</summary>
    public long Reductions => Interlocked.Read(ref _reductions);

    /// <summary>How long the last reduction paused the process.</summary>
    public TimeSpan LastPause => TimeSpan.FromTicks(Interlocked.Read(ref _lastPauseTicks));

    /// <summary>Starts sampling on a background task.</summary>
    public void Start() => _run = RunAsync(_stop.Token);

    /// <summary>Stops sampling.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _run.ConfigureAwait(false);
        _stop.Dispose();
    }

    private async Task RunAsync(CancellationToken stop)
    {
        var policy = new IdleMemoryPolicy(_options, _options.CpuTime(), _options.AllocatedBytes());
        using var timer = new PeriodicTimer(_options.SampleInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stop).ConfigureAwait(false))
            {
                if (policy.Sample(_options.CpuTime(), _options.AllocatedBytes()))
                {
                    Reduce();
                    policy.Reduced(_options.CpuTime(), _options.AllocatedBytes());
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Disposed.
        }
    }

    private void Reduce()
    {
        var before = Environment.WorkingSet;
        var started = Stopwatch.GetTimestamp();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        NativeHeapTrim.Trim();
        var pause = Stopwatch.GetElapsedTime(started);
        Interlocked.Exchange(ref _lastPauseTicks, pause.Ticks);
        Interlocked.Increment(ref _reductions);
        if (_logger is not null)
        {
            LogReduced(_logger, before / 1048576.0, Environment.WorkingSet / 1048576.0, pause.TotalMilliseconds);
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Idle: gave memory back, working set {Before:F1} -> {After:F1} MiB, paused {PauseMs:F1} ms")]
    private static partial void LogReduced(ILogger logger, double before, double after, double pauseMs);
}
