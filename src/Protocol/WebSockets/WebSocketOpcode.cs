namespace SocketIo.Protocol.WebSockets;

/// <summary>Frame opcodes (RFC 6455 §5.2). 3-7 and B-F are reserved and make a frame invalid.</summary>
internal enum WebSocketOpcode : byte
{
    /// <summary>A later fragment of a fragmented message.</summary>
    Continuation = 0x0,

    /// <summary>The first (or only) frame of a UTF-8 text message.</summary>
    Text = 0x1,

    /// <summary>The first (or only) frame of a binary message.</summary>
    Binary = 0x2,

    /// <summary>Close control frame.</summary>
    Close = 0x8,

    /// <summary>Ping control frame.</summary>
    Ping = 0x9,

    /// <summary>Pong control frame.</summary>
    Pong = 0xA,
}
