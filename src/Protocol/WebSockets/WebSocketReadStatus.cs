namespace SocketIo.Protocol.WebSockets;

/// <summary>What one call to <see cref="WebSocketFrameReader.Read"/> produced.</summary>
internal enum WebSocketReadStatus : byte
{
    /// <summary>All the input was used (except an incomplete header or control frame); read more and call again.</summary>
    NeedMoreData,

    /// <summary>A complete text message (valid UTF-8) is in the message buffer.</summary>
    TextMessage,

    /// <summary>A complete binary message is in the message buffer.</summary>
    BinaryMessage,

    /// <summary>A Ping arrived; <see cref="WebSocketFrameReader.ControlPayload"/> is its payload (answer with a Pong carrying it).</summary>
    Ping,

    /// <summary>A Pong arrived; <see cref="WebSocketFrameReader.ControlPayload"/> is its payload.</summary>
    Pong,

    /// <summary>
    /// A valid Close arrived; see <see cref="WebSocketFrameReader.CloseCode"/> and
    /// <see cref="WebSocketFrameReader.CloseReason"/>. Anything after it is discarded.
    /// </summary>
    Close,

    /// <summary>
    /// The peer broke the protocol; see <see cref="WebSocketFrameReader.Error"/> and
    /// <see cref="WebSocketFrameReader.FailureCloseCode"/>. Sticky: every later call returns it again.
    /// </summary>
    Invalid,
}
