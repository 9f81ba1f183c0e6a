using Microsoft.Extensions.Logging;

namespace SocketIo.Engine.Http;

internal static partial class HttpLog
{
    [LoggerMessage(EventId = 200, Level = LogLevel.Debug, Message = "Connection {ConnectionId}: bad request, answered {StatusCode}")]
    public static partial void BadRequest(ILogger logger, long connectionId, int statusCode);

    [LoggerMessage(EventId = 201, Level = LogLevel.Error, Message = "Connection {ConnectionId}: the application failed")]
    public static partial void ApplicationFailed(ILogger logger, long connectionId, Exception exception);

    [LoggerMessage(EventId = 202, Level = LogLevel.Debug, Message = "Connection {ConnectionId}: WebSocket failed with close code {CloseCode}")]
    public static partial void WebSocketFailed(ILogger logger, long connectionId, int closeCode);
}
