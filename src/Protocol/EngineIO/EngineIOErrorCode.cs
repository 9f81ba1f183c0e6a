namespace SocketIo.Protocol.EngineIO;

/// <summary>The <c>code</c> of an Engine.IO HTTP error body (PROTOCOL.md 1.2); see <see cref="EngineIOErrors"/>.</summary>
internal enum EngineIOErrorCode : byte
{
    /// <summary>0, <c>Transport unknown</c>: <c>transport</c> missing or not enabled.</summary>
    TransportUnknown = 0,

    /// <summary>1, <c>Session ID unknown</c>: unknown, expired or closed sid.</summary>
    UnknownSid = 1,

    /// <summary>2, <c>Bad handshake method</c>: a handshake with a method other than GET.</summary>
    BadHandshakeMethod = 2,

    /// <summary>3, <c>Bad request</c>: transport mismatch, bad Origin, WebSocket transport without upgrade.</summary>
    BadRequest = 3,

    /// <summary>4, <c>Forbidden</c> (HTTP 403): the <c>allowRequest</c> hook rejected the request.</summary>
    Forbidden = 4,

    /// <summary>5, <c>Unsupported protocol version</c>: <c>EIO</c> is not an accepted revision.</summary>
    UnsupportedProtocolVersion = 5,
}
