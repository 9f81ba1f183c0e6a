using SocketIo.Engine.Timing;

namespace SocketIo.Engine.Tests.Timing;

/// <summary>
/// Several threads schedule and cancel (own and shared entries) while another thread drives the wheel. No timing is
/// asserted; the invariant is exact bookkeeping: every schedule ends as exactly one of replaced, cancelled or fired.
/// </summary>
public sealed class TimerWheelConcurrencyTests
{
    private const int Workers = 4;
    private const int OwnEntries = 256;
    private const int SharedEntries = 32;
    private const int OperationsPerWorker = 100_000;

    [Fact]
    public void Concurrent_schedule_and_cancel_never_lose_or_duplicate_a_firing()
    {
        var wheel = new TimerWheel(TimeSpan.FromMilliseconds(10), new ManualTimeProvider());
        var counters = new Counters(Workers * OwnEntries + SharedEntries);
        var target = new CountingTarget(wheel, counters);
        var entries = Enumerable.Range(0, counters.Length).Select(i => new TimerEntry(wheel, target, i)).ToArray();

        using var stop = new ManualResetEventSlim();
        var driver = new Thread(() =>
        {
            // Bounded: the workers finish in far fewer iterations than this.
            for (var i = 0; i < 50_000_000 && !stop.IsSet; i++)
            {
                wheel.AdvanceTo(wheel.CurrentTick + 1);
            }
        });
        driver.Start();

        var workers = Enumerable.Range(0, Workers).Select(w => new Thread(() =>
        {
            var random = new Random(1000 + w);
            for (var op = 0; op < OperationsPerWorker; op++)
            {
                var id = random.Next(4) == 0
                    ? (Workers * OwnEntries) + random.Next(SharedEntries)
                    : (w * OwnEntries) + random.Next(OwnEntries);
                if (random.Next(3) != 0)
                {
                    Interlocked.Increment(ref counters.Scheduled[id]);
                    if (wheel.ScheduleAt(entries[id], wheel.CurrentTick + random.Next(1, 300)))
                    {
                        Interlocked.Increment(ref counters.Replaced[id]);
                    }
                }
                else if (wheel.Cancel(entries[id]))
                {
                    Interlocked.Increment(ref counters.Cancelled[id]);
                }
            }
        })).ToArray();
        foreach (var worker in workers)
        {
            worker.Start();
        }

        foreach (var worker in workers)
        {
            Assert.True(worker.Join(TimeSpan.FromMinutes(2)));
        }

        stop.Set();
        Assert.True(driver.Join(TimeSpan.FromMinutes(1)));

        // Drain: heartbeat entries stop rescheduling after a bounded number of firings.
        for (var i = 0; i < 1000 && wheel.Count > 0; i++)
        {
            wheel.AdvanceTo(wheel.CurrentTick + 1000);
        }

        Assert.Equal(0, wheel.Count);
        wheel.CheckInvariants();
        long totalFired = 0;
        for (var id = 0; id < counters.Length; id++)
        {
            var live = counters.Scheduled[id] - counters.Replaced[id] - counters.Cancelled[id];
            Assert.True(live == counters.Fired[id], $"entry {id}: {live} schedules left but {counters.Fired[id]} fired");
            totalFired += counters.Fired[id];
        }

        Assert.True(totalFired > 1000, $"only {totalFired} firings");
        Assert.True(counters.Cancelled.Sum() > 1000);
    }

    private sealed class Counters(int length)
    {
        public readonly int Length = length;
        public readonly int[] Scheduled = new int[length];
        public readonly int[] Replaced = new int[length];
        public readonly int[] Cancelled = new int[length];
        public readonly int[] Fired = new int[length];
    }

    private sealed class CountingTarget(TimerWheel wheel, Counters counters) : ITimerTarget
    {
        public void OnTimer(TimerEntry entry, int generation)
        {
            var id = entry.Kind;
            var fired = Interlocked.Increment(ref counters.Fired[id]);
            // Every eighth entry is a heartbeat for its first 20 firings: reschedule from the callback.
            if (id % 8 == 0 && fired <= 20)
            {
                Interlocked.Increment(ref counters.Scheduled[id]);
                if (wheel.ScheduleAt(entry, wheel.CurrentTick + 1 + (id % 50)))
                {
                    Interlocked.Increment(ref counters.Replaced[id]);
                }
            }
        }
    }
}
