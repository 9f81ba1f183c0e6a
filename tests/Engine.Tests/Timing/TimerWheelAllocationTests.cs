using SocketIo.Engine.Timing;

namespace SocketIo.Engine.Tests.Timing;

public sealed class TimerWheelAllocationTests
{
    [Fact]
    public void Schedule_cancel_reschedule_and_expiry_allocate_nothing()
    {
        var clock = new ManualTimeProvider();
        var wheel = new TimerWheel(TimeSpan.FromMilliseconds(10), clock);
        var target = new HeartbeatTarget();
        var entries = Enumerable.Range(0, 2000).Select(i => new TimerEntry(wheel, target, i)).ToArray();

        Run(wheel, clock, entries); // warm up: JIT, tiering, statics
        Run(wheel, clock, entries);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var fired = Run(wheel, clock, entries);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.True(fired > 2000);
    }

    private static int Run(TimerWheel wheel, ManualTimeProvider clock, TimerEntry[] entries)
    {
        var fired = 0;
        for (var round = 0; round < 20; round++)
        {
            for (var i = 0; i < entries.Length; i++)
            {
                var entry = entries[i];
                entry.Schedule(TimeSpan.FromMilliseconds(10 * (1 + (i % 5000))));
                wheel.ScheduleAt(entry, wheel.CurrentTick + 1 + (i % 300));   // move
                if (i % 3 == 0)
                {
                    entry.Cancel();
                }
            }

            clock.Advance(TimeSpan.FromSeconds(2));
            fired += wheel.RunDue();
        }

        return fired;
    }

    private sealed class HeartbeatTarget : ITimerTarget
    {
        public void OnTimer(TimerEntry entry, int generation)
        {
            if (entry.Kind % 2 == 0 && entry.IsCurrent(generation))
            {
                entry.Schedule(TimeSpan.FromMilliseconds(500));
            }
        }
    }
}
