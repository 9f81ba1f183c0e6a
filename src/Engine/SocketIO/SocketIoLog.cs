using Microsoft.Extensions.Logging;
using SocketIo.Protocol.SocketIO;

namespace SocketIo.Engine.SocketIO;

internal static partial class SocketIoLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Error, Message = "A Socket.IO {Handler} handler threw (socket {SocketId}).")]
    public static partial void HandlerFailed(ILogger logger, string handler, string socketId, Exception exception);

    [LoggerMessage(EventId = 2, Level = LogLevel.Debug, Message = "Invalid Socket.IO packet ({Error}) on connection {ConnectionId}; closing it.")]
    public static partial void InvalidPacket(ILogger logger, SocketIoPacketError error, string connectionId);

    [LoggerMessage(EventId = 3, Level = LogLevel.Debug, Message = "Invalid Socket.IO state ({What}) on connection {ConnectionId}; closing it.")]
    public static partial void InvalidState(ILogger logger, string what, string connectionId);

    [LoggerMessage(EventId = 4, Level = LogLevel.Debug, Message = "Connection {ConnectionId} joined no namespace within the connect timeout; closing it.")]
    public static partial void ConnectTimeout(ILogger logger, string connectionId);

    [LoggerMessage(EventId = 5, Level = LogLevel.Debug, Message = "Connection {ConnectionId} asked for unknown namespace {Namespace}.")]
    public static partial void InvalidNamespace(ILogger logger, string connectionId, string @namespace);

    [LoggerMessage(EventId = 6, Level = LogLevel.Debug, Message = "Middleware of namespace {Namespace} refused connection {ConnectionId}: {Message}")]
    public static partial void Refused(ILogger logger, string @namespace, string connectionId, string message);
}
