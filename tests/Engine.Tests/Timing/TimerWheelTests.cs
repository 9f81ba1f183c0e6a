using SocketIo.Engine.Timing;

namespace SocketIo.Engine.Tests.Timing;

public sealed class TimerWheelTests
{
    private static readonly long[] BoundaryDelays =
    [
        1, 2, 62, 63, 64, 65, 127, 128, 129, 4095, 4096, 4097, 4160,
        (1 << 18) - 1, 1 << 18, (1 << 18) + 1, (1 << 24) - 1, 1 << 24, (1 << 24) + 1, (1L << 25) + 5, (1L << 30) + 7,
    ];

    private static TimerWheel NewWheel() => new(TimeSpan.FromMilliseconds(10), new ManualTimeProvider());

    [Theory]
    [InlineData(0L)]
    [InlineData(1L)]
    [InlineData(37L)]
    [InlineData(63L)]
    [InlineData(64L)]
    [InlineData(4095L)]
    [InlineData((1L << 18) - 1)]
    [InlineData((1L << 24) - 3)]
    [InlineData((1L << 24) + 64)]
    public void Fires_at_the_exact_due_tick_for_delays_at_every_level_boundary(long start)
    {
        var wheel = NewWheel();
        wheel.AdvanceTo(start);
        var target = new RecordingTarget(wheel);
        for (var i = 0; i < BoundaryDelays.Length; i++)
        {
            wheel.ScheduleAt(new TimerEntry(wheel, target, i), start + BoundaryDelays[i]);
        }

        wheel.CheckInvariants();
        wheel.AdvanceTo(start + BoundaryDelays[^1] + 100);

        Assert.Equal(BoundaryDelays.Length, target.Firings.Count);
        for (var i = 0; i < BoundaryDelays.Length; i++)
        {
            // Delays are ascending, so firing order equals schedule order.
            Assert.Equal(i, target.Firings[i].Kind);
            Assert.Equal(start + BoundaryDelays[i], target.Firings[i].Tick);
            Assert.True(target.Firings[i].Current);
        }

        Assert.Equal(0, wheel.Count);
        wheel.CheckInvariants();
    }

    [Fact]
    public void Stepping_one_tick_at_a_time_fires_each_timer_once_at_its_tick()
    {
        var wheel = NewWheel();
        var target = new RecordingTarget(wheel);
        var dues = new List<long>();
        for (var due = 1L; due < 9000; due += 1 + (due / 7))
        {
            wheel.ScheduleAt(new TimerEntry(wheel, target, dues.Count), due);
            dues.Add(due);
        }

        for (var tick = 1L; tick <= 9000; tick++)
        {
            var before = target.Firings.Count;
            wheel.AdvanceTo(tick);
            Assert.All(target.Firings.Skip(before), f => Assert.Equal(tick, f.Tick));
        }

        Assert.Equal(dues, target.Firings.Select(f => f.Tick));
    }

    [Fact]
    public void Timer_due_at_a_wrap_is_cascaded_and_fired_in_the_same_tick()
    {
        var wheel = NewWheel();
        var target = new RecordingTarget(wheel);
        var entry = new TimerEntry(wheel, target, 7);
        wheel.ScheduleAt(entry, 4096);
        Assert.Equal((2 * 64) + 1, entry.Slot); // level 2, slot 1

        Assert.Equal(0, wheel.AdvanceTo(4095));
        Assert.True(entry.IsPending);
        Assert.Equal(1, wheel.AdvanceTo(4096));
        Assert.Equal(new RecordingTarget.Firing(7, 4096, true), Assert.Single(target.Firings));
    }

    [Fact]
    public void Cascading_moves_timers_down_one_level_at_a_time()
    {
        var wheel = NewWheel();
        var target = new RecordingTarget(wheel);
        var entry = new TimerEntry(wheel, target, 0);
        const long due = (3L << 12) + (5 << 6) + 9;
        wheel.ScheduleAt(entry, due);
        Assert.Equal((2 * 64) + 3, entry.Slot);

        wheel.AdvanceTo(3L << 12);
        Assert.Equal(64 + 5, entry.Slot);
        wheel.AdvanceTo((3L << 12) + (5 << 6));
        Assert.Equal(9, entry.Slot);
        wheel.CheckInvariants();
        wheel.AdvanceTo(due);
        Assert.Single(target.Firings);
    }

    [Fact]
    public void Delays_beyond_the_top_level_wait_in_overflow_and_fire_exactly()
    {
        var wheel = NewWheel();
        var target = new RecordingTarget(wheel);
        var far = new TimerEntry(wheel, target, 1);
        var farther = new TimerEntry(wheel, target, 2);
        wheel.ScheduleAt(far, (1L << 24) + 3);
        wheel.ScheduleAt(farther, (5L << 24) + 1);
        Assert.Equal(4 * 64, far.Slot);

        wheel.AdvanceTo(1L << 24);
        Assert.Equal(3, far.Slot); // re-placed from overflow into level 0
        Assert.Equal(4 * 64, farther.Slot);

        wheel.AdvanceTo(6L << 24);
        Assert.Equal([(1, (1L << 24) + 3), (2, (5L << 24) + 1)], target.Firings.Select(f => (f.Kind, f.Tick)));
    }

    [Fact]
    public void Many_timers_in_one_slot_all_fire_once_in_that_tick()
    {
        var wheel = NewWheel();
        var target = new RecordingTarget(wheel);
        const int count = 10_000; // several claim batches
        for (var i = 0; i < count; i++)
        {
            wheel.ScheduleAt(new TimerEntry(wheel, target, i), 300);
        }

        Assert.Equal(0, wheel.AdvanceTo(299));
        Assert.Equal(count, wheel.AdvanceTo(300));
        Assert.All(target.Firings, f => Assert.Equal(300, f.Tick));
        Assert.Equal(Enumerable.Range(0, count), target.Firings.Select(f => f.Kind).Order());
        Assert.Equal(0, wheel.Count);
    }

    [Fact]
    public void Rescheduling_a_pending_timer_moves_it()
    {
        var wheel = NewWheel();
        var target = new RecordingTarget(wheel);
        var entry = new TimerEntry(wheel, target, 0);

        Assert.False(wheel.ScheduleAt(entry, 5000));
        Assert.True(wheel.ScheduleAt(entry, 10));   // earlier, other level
        Assert.True(wheel.ScheduleAt(entry, 70));   // later, other level
        Assert.Equal(1, wheel.Count);

        wheel.AdvanceTo(6000);
        Assert.Equal(70, Assert.Single(target.Firings).Tick);
    }

    [Fact]
    public void Schedule_in_the_past_is_clamped_to_the_next_tick()
    {
        var wheel = NewWheel();
        var target = new RecordingTarget(wheel);
        wheel.AdvanceTo(100);
        wheel.ScheduleAt(new TimerEntry(wheel, target, 0), 42);
        wheel.AdvanceTo(200);
        Assert.Equal(101, Assert.Single(target.Firings).Tick);
    }

    [Fact]
    public void Heartbeat_callbacks_that_reschedule_themselves_fire_every_interval()
    {
        var wheel = NewWheel();
        var target = new RecordingTarget(wheel);
        const long interval = 1250; // 25 s ping interval at 20 ms ticks
        target.OnFire = (entry, _) => wheel.ScheduleAt(entry, wheel.CurrentTick + interval);
        for (var i = 0; i < 100; i++)
        {
            wheel.ScheduleAt(new TimerEntry(wheel, target, i), interval + i);
        }

        wheel.AdvanceTo((interval * 40) + 99);

        Assert.Equal(100 * 40, target.Firings.Count);
        Assert.All(target.Firings, f => Assert.Equal(f.Kind, (f.Tick - interval) % interval));
        Assert.Equal(100, wheel.Count);
        wheel.CheckInvariants();
    }

    [Fact]
    public void Callback_may_schedule_into_the_next_tick_and_it_fires_in_the_same_advance()
    {
        var wheel = NewWheel();
        var target = new RecordingTarget(wheel);
        var hops = 0;
        target.OnFire = (entry, _) =>
        {
            if (++hops < 200)
            {
                wheel.ScheduleAt(entry, wheel.CurrentTick + 1);
            }
        };
        wheel.ScheduleAt(new TimerEntry(wheel, target, 0), 1);
        Assert.Equal(200, wheel.AdvanceTo(1000));
        Assert.Equal(Enumerable.Range(1, 200).Select(i => (long)i), target.Firings.Select(f => f.Tick));
    }

    [Fact]
    public void Schedule_with_a_delay_uses_the_clock_and_never_fires_early()
    {
        var clock = new ManualTimeProvider();
        var wheel = new TimerWheel(TimeSpan.FromMilliseconds(20), clock);
        var target = new RecordingTarget(wheel);
        clock.Advance(TimeSpan.FromMilliseconds(5));
        wheel.Schedule(new TimerEntry(wheel, target, 0), TimeSpan.FromMilliseconds(50)); // deadline 55 ms -> tick 3
        wheel.Schedule(new TimerEntry(wheel, target, 1), TimeSpan.Zero);                 // deadline 5 ms -> tick 1

        clock.Advance(TimeSpan.FromMilliseconds(14)); // 19 ms
        Assert.Equal(0, wheel.RunDue());
        clock.Advance(TimeSpan.FromMilliseconds(1));  // 20 ms
        Assert.Equal(1, wheel.RunDue());
        clock.Advance(TimeSpan.FromMilliseconds(39)); // 59 ms
        Assert.Equal(0, wheel.RunDue());
        clock.Advance(TimeSpan.FromMilliseconds(1));  // 60 ms
        Assert.Equal(1, wheel.RunDue());
        Assert.Equal([(1, 1L), (0, 3L)], target.Firings.Select(f => (f.Kind, f.Tick)));
    }

    [Fact]
    public void Huge_delays_do_not_overflow()
    {
        var wheel = NewWheel();
        var entry = new TimerEntry(wheel, new RecordingTarget(wheel), 0);
        wheel.Schedule(entry, TimeSpan.MaxValue);
        Assert.True(entry.IsPending);
        Assert.Equal(4 * 64, entry.Slot);
        Assert.Throws<ArgumentOutOfRangeException>(() => wheel.Schedule(entry, TimeSpan.FromTicks(-1)));
    }

    [Fact]
    public void Entries_of_another_wheel_are_rejected()
    {
        var wheel = NewWheel();
        var other = NewWheel();
        var entry = new TimerEntry(other, new RecordingTarget(other), 0);
        Assert.Throws<ArgumentException>(() => wheel.ScheduleAt(entry, 5));
        Assert.Throws<ArgumentException>(() => wheel.Cancel(entry));
    }

    [Fact]
    public void A_throwing_callback_is_counted_and_other_timers_still_fire()
    {
        var wheel = NewWheel();
        var target = new RecordingTarget(wheel);
        target.OnFire = (entry, _) =>
        {
            if (entry.Kind == 1)
            {
                throw new InvalidOperationException("owner bug");
            }
        };
        for (var i = 0; i < 3; i++)
        {
            wheel.ScheduleAt(new TimerEntry(wheel, target, i), 10);
        }

        Assert.Equal(3, wheel.AdvanceTo(10));
        Assert.Equal(1, wheel.CallbackFailures);
    }

    [Fact]
    public void Driving_from_a_callback_is_refused()
    {
        var wheel = NewWheel();
        var target = new RecordingTarget(wheel);
        Exception? seen = null;
        target.OnFire = (_, _) => seen = Record.Exception(() => wheel.AdvanceTo(100));
        wheel.ScheduleAt(new TimerEntry(wheel, target, 0), 3);
        wheel.AdvanceTo(10);
        Assert.IsType<InvalidOperationException>(seen);
        Assert.Equal(10, wheel.CurrentTick);
    }
}
