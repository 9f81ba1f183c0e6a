namespace SocketIo.Engine.Timing;

internal sealed partial class TimerWheel : IAsyncDisposable
{
    // Spinning before blocking would burn CPU on every tick of an idle server.
    private readonly ManualResetEventSlim _stopSignal = new(initialState: false, spinCount: 0);
    private readonly TaskCompletionSource _driverStopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Thread? _driver;

    /// <summary>Starts the dedicated driver thread that processes ticks as the clock reaches them.</summary>
    public void Start()
    {
        var thread = new Thread(static state => ((TimerWheel)state!).DriveLoop())
        {
            IsBackground = true,
            Name = "SocketIo timer wheel",
        };
        if (Interlocked.CompareExchange(ref _driver, thread, null) is not null)
        {
            throw new InvalidOperationException("The timer wheel driver is already started.");
        }

        thread.Start(this);
    }

    /// <summary>
    /// Stops the driver thread and waits for it to finish its current tick (unless called from a callback). Pending
    /// timers stay pending and never fire; scheduling afterwards is allowed and has no effect.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        _stopSignal.Set();
        var driver = Volatile.Read(ref _driver);
        if (driver is not null && driver != Thread.CurrentThread)
        {
            await _driverStopped.Task.ConfigureAwait(false);
        }
    }

    private void DriveLoop()
    {
        try
        {
            var lagReported = false;
            while (!_stopSignal.IsSet)
            {
                var target = ClockTick;
                var behind = target - CurrentTick;
                if (behind > 1000 / Math.Max(1, TickDuration.TotalMilliseconds) && !lagReported)
                {
                    // More than a second late: the process was suspended or callbacks are too slow.
                    TimerWheelLog.DriverLagging(_logger, behind);
                    lagReported = true;
                }

                AdvanceTo(target);

                var nextTickAt = TimeSpan.FromTicks((target + 1) * _tickTimeSpanTicks);
                var wait = nextTickAt - _timeProvider.GetElapsedTime(_originTimestamp);
                if (wait > TimeSpan.Zero)
                {
                    // Round up: waking before the tick boundary would only loop without work.
                    _stopSignal.Wait((int)Math.Ceiling(wait.TotalMilliseconds));
                }
            }
        }
        finally
        {
            _driverStopped.TrySetResult();
        }
    }
}
