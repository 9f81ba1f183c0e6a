using System.Buffers;

namespace SocketIo.Engine.WebSockets;

/// <summary>Receives what arrives on an accepted WebSocket. Called from the connection's read loop, one call at a time.</summary>
internal interface IWebSocketHandler
{
    /// <summary>
    /// A complete message arrived (text is valid UTF-8). <paramref name="payload"/> is valid only until the
    /// returned task completes; copy what must outlive it.
    /// </summary>
    ValueTask OnMessageAsync(WebSocketConnection connection, bool isText, ReadOnlySequence<byte> payload);

    /// <summary>
    /// The WebSocket ended: <paramref name="closeCode"/> is the peer's close code (1005 when it sent none),
    /// the code the server failed the connection with, or 1006 when the TCP connection ended without a Close.
    /// Called exactly once.
    /// </summary>
    void OnClosed(WebSocketConnection connection, ushort closeCode);
}
