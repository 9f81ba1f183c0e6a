namespace SocketIo.Protocol.WebSockets;

/// <summary>Outcome of checking an opening handshake; anything but <see cref="Ok"/> is answered without 101.</summary>
internal enum WebSocketHandshakeResult : byte
{
    /// <summary>Valid: answer 101 Switching Protocols.</summary>
    Ok,

    /// <summary>Not a valid WebSocket upgrade (method, HTTP version, Host, Upgrade, Connection or key): 400.</summary>
    BadRequest,

    /// <summary>A version other than 13: 426 Upgrade Required with <c>Sec-WebSocket-Version: 13</c>.</summary>
    UpgradeRequired,
}
