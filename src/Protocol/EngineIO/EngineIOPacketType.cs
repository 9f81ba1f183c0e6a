namespace SocketIo.Protocol.EngineIO;

/// <summary>Engine.IO packet types; the value is the digit written on the wire (PROTOCOL.md 1.4).</summary>
internal enum EngineIOPacketType : byte
{
    /// <summary><c>0</c>: the handshake, sent once by the server.</summary>
    Open = 0,

    /// <summary><c>1</c>: close the session (polling).</summary>
    Close = 1,

    /// <summary><c>2</c>: heartbeat ping (server to client in v4), or <c>2probe</c> during an upgrade.</summary>
    Ping = 2,

    /// <summary><c>3</c>: heartbeat pong, or <c>3probe</c> during an upgrade.</summary>
    Pong = 3,

    /// <summary><c>4</c>: application data, text or binary.</summary>
    Message = 4,

    /// <summary><c>5</c>: the client switches to the new WebSocket.</summary>
    Upgrade = 5,

    /// <summary><c>6</c>: no operation; releases a pending GET.</summary>
    Noop = 6,
}
