namespace SocketIo.LoadGen.WebSockets;

/// <summary>What <see cref="WebSocketClient.ReceiveAsync"/> returns.</summary>
internal enum WebSocketMessageKind
{
    /// <summary>A complete text message.</summary>
    Text,

    /// <summary>A complete binary message.</summary>
    Binary,

    /// <summary>The server sent Close (see <see cref="WebSocketMessage.CloseCode"/>).</summary>
    Close,

    /// <summary>The TCP connection ended without a Close frame.</summary>
    Disconnected,
}

/// <summary>
/// A received message. <see cref="Payload"/> points into the client's receive buffer and is valid only until
/// the next receive call.
/// </summary>
internal readonly record struct WebSocketMessage(WebSocketMessageKind Kind, ReadOnlyMemory<byte> Payload, ushort CloseCode = 0);
