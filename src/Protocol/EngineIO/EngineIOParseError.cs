namespace SocketIo.Protocol.EngineIO;

/// <summary>
/// Why Engine.IO input was rejected. Every value except <see cref="None"/> and
/// <see cref="DestinationTooSmall"/> is a "parse error" in PROTOCOL.md terms: the session closes with reason
/// <c>parse error</c>.
/// </summary>
internal enum EngineIOParseError : byte
{
    /// <summary>No error.</summary>
    None = 0,

    /// <summary>A packet with no bytes at all: an empty text message, or an empty part of a polling payload
    /// (two adjacent separators, or a separator at the start or the end).</summary>
    EmptyPacket,

    /// <summary>A polling payload (request body) with no bytes.</summary>
    EmptyPayload,

    /// <summary>The first byte is neither a type digit <c>0</c>-<c>6</c> nor <c>b</c>.</summary>
    UnknownPacketType,

    /// <summary>The text after <c>b</c> is not standard, padded base64.</summary>
    InvalidBase64,

    /// <summary>The caller's buffer is smaller than <see cref="EngineIOPacket.GetMaxDecodedLength"/> needed; not a
    /// protocol error.</summary>
    DestinationTooSmall,
}
