namespace SocketIo.Protocol.WebSockets;

/// <summary>The extensions agreed in a handshake (RFC 6455 §9).</summary>
[Flags]
internal enum WebSocketExtensions : byte
{
    /// <summary>No extension: every RSV bit must be clear, and the 101 response has no <c>Sec-WebSocket-Extensions</c>.</summary>
    None = 0,
}
