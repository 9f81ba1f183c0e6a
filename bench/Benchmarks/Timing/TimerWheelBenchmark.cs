using BenchmarkDotNet.Attributes;
using SocketIo.Engine.Timing;

namespace SocketIo.Benchmarks.Timing;

/// <summary>
/// Schedule, cancel and expiry costs of the timer wheel with 1,000,000 live timers, against one
/// System.Threading.Timer per timer (the baseline: <c>Timer.Change</c> with 1,000,000 live timers).
/// </summary>
[MemoryDiagnoser]
public class TimerWheelBenchmark
{
    private const int LiveTimers = 1_000_000;
    private const int Batch = 4096;
    private const long HeartbeatTicks = 1250; // 25 s ping interval at 20 ms ticks

    private readonly Heartbeat _heartbeat = new();
    private TimerWheel _wheel = null!;
    private TimerWheel _expiryWheel = null!;
    private TimerEntry[] _live = null!;
    private TimerEntry[] _idle = null!;
    private int[] _order = null!;
    private long[] _delays = null!;
    private Timer[] _timers = null!;
    private int _cursor;
    private readonly Lock _lock = new();

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        _wheel = new TimerWheel(TimerWheel.DefaultTickDuration, TimeProvider.System);
        _live = new TimerEntry[LiveTimers];
        _timers = new Timer[LiveTimers];
        for (var i = 0; i < LiveTimers; i++)
        {
            _live[i] = new TimerEntry(_wheel, _heartbeat, i);
            _wheel.ScheduleAt(_live[i], 1 + random.Next(100_000));
            _timers[i] = new Timer(static _ => { }, null, TimeSpan.FromHours(1 + random.Next(100)), Timeout.InfiniteTimeSpan);
        }

        _idle = new TimerEntry[Batch];
        for (var i = 0; i < Batch; i++)
        {
            _idle[i] = new TimerEntry(_wheel, _heartbeat, i);
        }

        // Visit live timers in random order: sessions are scattered in memory, so cache misses are part of the cost.
        _order = new int[LiveTimers];
        for (var i = 0; i < LiveTimers; i++)
        {
            _order[i] = i;
        }

        random.Shuffle(_order);
        _delays = new long[Batch];
        for (var i = 0; i < Batch; i++)
        {
            _delays[i] = 1 + random.Next(100_000);
        }

        _expiryWheel = new TimerWheel(TimerWheel.DefaultTickDuration, new FrozenTimeProvider());
        _heartbeat.Wheel = _expiryWheel;
        for (var i = 0; i < LiveTimers; i++)
        {
            _expiryWheel.ScheduleAt(new TimerEntry(_expiryWheel, _heartbeat, i), 1 + (i % HeartbeatTicks));
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        foreach (var timer in _timers)
        {
            timer.Dispose();
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Batch)]
    public void ThreadingTimer_Change()
    {
        var start = NextCursor();
        for (var i = 0; i < Batch; i++)
        {
            _timers[_order[start + i]].Change(TimeSpan.FromMilliseconds(_delays[i] * 20), Timeout.InfiniteTimeSpan);
        }
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public void Wheel_Reschedule()
    {
        var start = NextCursor();
        for (var i = 0; i < Batch; i++)
        {
            _live[_order[start + i]].Schedule(TimeSpan.FromMilliseconds(_delays[i] * 20));
        }
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public void Wheel_RescheduleAtTick()
    {
        var start = NextCursor();
        for (var i = 0; i < Batch; i++)
        {
            _wheel.ScheduleAt(_live[_order[start + i]], _delays[i]);
        }
    }

    /// <summary>One schedule plus one cancel of an idle entry; per pair.</summary>
    [Benchmark(OperationsPerInvoke = Batch)]
    public void Wheel_ScheduleThenCancel()
    {
        for (var i = 0; i < Batch; i++)
        {
            var entry = _idle[i];
            _wheel.ScheduleAt(entry, _delays[i]);
            _wheel.Cancel(entry);
        }
    }

    /// <summary>What the wheel's lock alone costs (uncontended enter and exit).</summary>
    [Benchmark(OperationsPerInvoke = Batch)]
    public int LockEnterExit()
    {
        var n = 0;
        for (var i = 0; i < Batch; i++)
        {
            lock (_lock)
            {
                n++;
            }
        }

        return n;
    }

    /// <summary>Two threads rescheduling disjoint live timers at once: lock contention on one wheel.</summary>
    [Benchmark(OperationsPerInvoke = 2 * 16 * Batch)]
    public void Wheel_Reschedule_TwoThreads()
    {
        var first = NextCursor();
        var second = NextCursor();
        Parallel.Invoke(() => RescheduleMany(first), () => RescheduleMany(second));
    }

    /// <summary>One heartbeat interval of the 1,000,000 timers: each expires once and reschedules itself.</summary>
    [Benchmark(OperationsPerInvoke = LiveTimers)]
    public int Wheel_ExpireAndReschedule() => _expiryWheel.AdvanceTo(_expiryWheel.CurrentTick + HeartbeatTicks);

    /// <summary>The node a session embeds; the Allocated column is its size.</summary>
    [Benchmark]
    public object Wheel_CreateEntry() => new TimerEntry(_wheel, _heartbeat, 0);

    /// <summary>A System.Threading.Timer per session; the Allocated column is its size.</summary>
    [Benchmark]
    public void ThreadingTimer_CreateDispose()
    {
        using var timer = new Timer(static _ => { }, null, Timeout.Infinite, Timeout.Infinite);
    }

    private void RescheduleMany(int start)
    {
        for (var round = 0; round < 16; round++)
        {
            for (var i = 0; i < Batch; i++)
            {
                _wheel.ScheduleAt(_live[_order[(start + (round * 7919) + i) % LiveTimers]], _delays[i]);
            }
        }
    }

    private int NextCursor()
    {
        var start = _cursor;
        _cursor = start + Batch >= LiveTimers - Batch ? 0 : start + Batch;
        return start;
    }

    private sealed class Heartbeat : ITimerTarget
    {
        public TimerWheel? Wheel { get; set; }

        public void OnTimer(TimerEntry entry, int generation) => Wheel!.ScheduleAt(entry, Wheel.CurrentTick + HeartbeatTicks);
    }

    private sealed class FrozenTimeProvider : TimeProvider
    {
        public override long GetTimestamp() => 0;
    }
}
