namespace SocketIo.Protocol.WebSockets;

/// <summary>
/// Decides which offered subprotocol the server accepts. Implement it on a struct so
/// <see cref="WebSocketHandshake.SelectSubprotocol{TSelector}"/> is specialized and never boxes.
/// </summary>
internal interface IWebSocketSubprotocolSelector
{
    /// <summary>True when the server speaks <paramref name="subprotocol"/> (a trimmed token from the client's list).</summary>
    bool Accepts(ReadOnlySpan<byte> subprotocol);
}
