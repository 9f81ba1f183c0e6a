using System.Diagnostics;
using SocketIo.Engine.Timing;

namespace SocketIo.Engine.Tests.Timing;

/// <summary>The real driver thread on the system clock; waits are bounded and only lower bounds are asserted.</summary>
public sealed class TimerWheelDriverTests
{
    [Fact]
    public async Task Driver_thread_fires_timers_no_earlier_than_their_delay()
    {
        await using var wheel = new TimerWheel(TimeSpan.FromMilliseconds(5));
        wheel.Start();
        var target = new SignalTarget();
        var entry = new TimerEntry(wheel, target, 3);

        var started = Stopwatch.GetTimestamp();
        entry.Schedule(TimeSpan.FromMilliseconds(30));

        Assert.True(target.Fired.Wait(TimeSpan.FromSeconds(30)));
        Assert.True(Stopwatch.GetElapsedTime(started, target.FiredAt) >= TimeSpan.FromMilliseconds(30));
        Assert.Equal(3, target.Kind);
        Assert.False(entry.IsPending);
    }

    [Fact]
    public async Task Dispose_stops_the_driver_and_may_be_called_from_a_callback()
    {
        var wheel = new TimerWheel(TimeSpan.FromMilliseconds(5));
        wheel.Start();
        Assert.Throws<InvalidOperationException>(wheel.Start);
        var target = new SignalTarget { DisposeWheel = wheel };
        new TimerEntry(wheel, target, 0).Schedule(TimeSpan.Zero);

        Assert.True(target.Fired.Wait(TimeSpan.FromSeconds(30)));
        Assert.True(target.DisposeTask!.Value.IsCompleted); // did not wait for itself
        var dispose = wheel.DisposeAsync().AsTask();
        Assert.Same(dispose, await Task.WhenAny(dispose, Task.Delay(TimeSpan.FromSeconds(30))));

        // The driver has exited, so this caller may drive the wheel by hand now.
        Assert.Equal(0, wheel.AdvanceTo(wheel.CurrentTick + 1));
    }

    private sealed class SignalTarget : ITimerTarget
    {
        public ManualResetEventSlim Fired { get; } = new();

        public long FiredAt { get; private set; }

        public int Kind { get; private set; }

        public TimerWheel? DisposeWheel { get; init; }

        public ValueTask? DisposeTask { get; private set; }

        public void OnTimer(TimerEntry entry, int generation)
        {
            FiredAt = Stopwatch.GetTimestamp();
            Kind = entry.Kind;
            DisposeTask = DisposeWheel?.DisposeAsync();
            Fired.Set();
        }
    }
}
