using SocketIo.Engine.Timing;

namespace SocketIo.Engine.Tests.Timing;

public sealed class TimerWheelCancelTests
{
    private static TimerWheel NewWheel() => new(TimeSpan.FromMilliseconds(10), new ManualTimeProvider());

    [Fact]
    public void Cancel_before_due_removes_the_timer()
    {
        var wheel = NewWheel();
        var target = new RecordingTarget(wheel);
        var entry = new TimerEntry(wheel, target, 0);
        wheel.ScheduleAt(entry, 100);
        wheel.AdvanceTo(99);

        Assert.True(entry.Cancel());
        Assert.False(entry.IsPending);
        Assert.Equal(0, wheel.Count);
        Assert.False(entry.Cancel());
        wheel.AdvanceTo(10_000);
        Assert.Empty(target.Firings);
        wheel.CheckInvariants();
    }

    [Fact]
    public void Cancel_of_a_timer_that_was_never_scheduled_or_already_fired_returns_false()
    {
        var wheel = NewWheel();
        var target = new RecordingTarget(wheel);
        var entry = new TimerEntry(wheel, target, 0);
        Assert.False(entry.Cancel());

        wheel.ScheduleAt(entry, 3);
        wheel.AdvanceTo(3);
        Assert.Single(target.Firings);
        Assert.False(entry.Cancel());
    }

    [Fact]
    public void Cancel_at_due_from_another_callback_either_wins_or_leaves_a_stale_firing()
    {
        // 3000 timers in one slot are claimed in batches of 1024; the first callback cancels all the others, so some
        // cancels hit already-claimed nodes (false, firing reported stale) and some hit pending ones (true, no firing).
        var wheel = NewWheel();
        var target = new RecordingTarget(wheel);
        const int count = 3000;
        var entries = new TimerEntry[count];
        for (var i = 0; i < count; i++)
        {
            entries[i] = new TimerEntry(wheel, target, i);
            wheel.ScheduleAt(entries[i], 50);
        }

        var cancelled = new bool[count];
        var first = true;
        target.OnFire = (entry, _) =>
        {
            if (first)
            {
                first = false;
                foreach (var other in entries)
                {
                    if (other != entry)
                    {
                        cancelled[other.Kind] = other.Cancel();
                    }
                }
            }
        };

        wheel.AdvanceTo(50);

        var firedKinds = target.Firings.Select(f => f.Kind).ToHashSet();
        var firstKind = target.Firings[0].Kind;
        Assert.Contains(true, cancelled);
        Assert.Contains(false, cancelled.Where((_, i) => i != firstKind));
        for (var i = 0; i < count; i++)
        {
            if (i == firstKind)
            {
                continue;
            }

            // Exactly one of: cancel won, or the node fired (and knew it had been cancelled).
            Assert.NotEqual(cancelled[i], firedKinds.Contains(i));
        }

        Assert.All(target.Firings.Skip(1), f => Assert.False(f.Current));
        Assert.True(target.Firings[0].Current);
        Assert.Equal(0, wheel.Count);
    }

    [Fact]
    public void Callback_can_cancel_itself_after_rescheduling_and_the_generation_tells_stale_from_current()
    {
        var wheel = NewWheel();
        var target = new RecordingTarget(wheel);
        var entry = new TimerEntry(wheel, target, 0);
        var generations = new List<int>();
        target.OnFire = (e, generation) =>
        {
            generations.Add(generation);
            Assert.True(e.IsCurrent(generation));
            e.Schedule(TimeSpan.FromMilliseconds(30));
            Assert.False(e.IsCurrent(generation));
            Assert.True(e.Cancel());
        };
        wheel.ScheduleAt(entry, 2);
        wheel.AdvanceTo(1000);
        Assert.Single(generations);
        Assert.False(entry.IsPending);
    }

    [Fact]
    public void Cancel_then_schedule_again_fires_once_at_the_new_tick()
    {
        var wheel = NewWheel();
        var target = new RecordingTarget(wheel);
        var entry = new TimerEntry(wheel, target, 0);
        wheel.ScheduleAt(entry, 10);
        Assert.True(entry.Cancel());
        Assert.False(wheel.ScheduleAt(entry, 20));
        wheel.AdvanceTo(100);
        Assert.Equal(20, Assert.Single(target.Firings).Tick);
    }
}
