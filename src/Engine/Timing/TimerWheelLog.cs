using Microsoft.Extensions.Logging;

namespace SocketIo.Engine.Timing;

internal static partial class TimerWheelLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Error, Message = "A timer callback (kind {Kind}) threw.")]
    public static partial void CallbackFailed(ILogger logger, int kind, Exception exception);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "The timer wheel is {LagTicks} ticks behind the clock.")]
    public static partial void DriverLagging(ILogger logger, long lagTicks);
}
