using System.Buffers;
using SocketIo.Engine.WebSockets;

namespace SocketIo.Engine.EngineIO;

/// <summary>Routes WebSocket messages and closes to the session stored in <see cref="WebSocketConnection.State"/>.</summary>
internal sealed class EngineIoWebSocketHandler : IWebSocketHandler
{
    /// <summary>The one instance; the handler is stateless.</summary>
    public static EngineIoWebSocketHandler Instance { get; } = new();

    /// <inheritdoc />
    public ValueTask OnMessageAsync(WebSocketConnection connection, bool isText, ReadOnlySequence<byte> payload)
    {
        if (connection.State is EngineIoSession session)
        {
            session.OnWebSocketMessage(connection, isText, payload.IsSingleSegment ? payload.FirstSpan : payload.ToArray());
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public void OnClosed(WebSocketConnection connection, ushort closeCode)
    {
        if (connection.State is EngineIoSession session)
        {
            session.OnWebSocketClosed(connection, closeCode);
        }
    }
}
