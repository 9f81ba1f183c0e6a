using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace SocketIo.Engine.Transport;

/// <summary>Log messages of the socket transport (source-generated, no allocation when disabled).</summary>
internal static partial class TransportLog
{
    [LoggerMessage(1, LogLevel.Information, "Listening on {Endpoint}")]
    public static partial void Listening(ILogger logger, IPEndPoint endpoint);

    [LoggerMessage(2, LogLevel.Debug, "Connection {ConnectionId} accepted from {RemoteEndPoint}")]
    public static partial void ConnectionAccepted(ILogger logger, long connectionId, EndPoint? remoteEndPoint);

    [LoggerMessage(3, LogLevel.Debug, "Connection {ConnectionId} closed ({Reason})")]
    public static partial void ConnectionClosed(ILogger logger, long connectionId, ConnectionCloseReason reason);

    [LoggerMessage(4, LogLevel.Debug, "Connection refused: {MaxConnections} concurrent connections reached")]
    public static partial void ConnectionRejected(ILogger logger, int maxConnections);

    [LoggerMessage(5, LogLevel.Debug, "Connection {ConnectionId} aborted ({Reason})")]
    public static partial void ConnectionAborted(ILogger logger, long connectionId, ConnectionCloseReason reason);

    [LoggerMessage(6, LogLevel.Debug, "Connection {ConnectionId} receive error {Error}")]
    public static partial void ReceiveError(ILogger logger, long connectionId, SocketError error);

    [LoggerMessage(7, LogLevel.Debug, "Connection {ConnectionId} send error {Error}")]
    public static partial void SendError(ILogger logger, long connectionId, SocketError error);

    [LoggerMessage(8, LogLevel.Error, "Connection {ConnectionId} receive loop failed")]
    public static partial void ReceiveFailed(ILogger logger, long connectionId, Exception exception);

    [LoggerMessage(9, LogLevel.Error, "Connection {ConnectionId} send loop failed")]
    public static partial void SendFailed(ILogger logger, long connectionId, Exception exception);

    [LoggerMessage(10, LogLevel.Error, "Connection {ConnectionId} handler failed")]
    public static partial void HandlerFailed(ILogger logger, long connectionId, Exception exception);

    [LoggerMessage(11, LogLevel.Debug, "Connection {ConnectionId} deadline expired")]
    public static partial void DeadlineExpired(ILogger logger, long connectionId);

    [LoggerMessage(12, LogLevel.Warning, "Accept failed: {Error}")]
    public static partial void AcceptFailed(ILogger logger, SocketError error);

    [LoggerMessage(13, LogLevel.Information, "Stopping: {Connections} connections open")]
    public static partial void Stopping(ILogger logger, int connections);

    [LoggerMessage(14, LogLevel.Warning, "{Connections} connection handlers did not finish after being aborted at shutdown")]
    public static partial void HandlersIgnoredShutdown(ILogger logger, int connections);

    [LoggerMessage(16, LogLevel.Warning, "Serving at most {Connections} connections: the open-file limit is {SoftLimit} (raise it with ulimit -n, or lower the file descriptor reserve)")]
    public static partial void ConnectionCapLowered(ILogger logger, int connections, long softLimit);

    [LoggerMessage(15, LogLevel.Error, "Heartbeat tick failed")]
    public static partial void HeartbeatFailed(ILogger logger, Exception exception);
}
