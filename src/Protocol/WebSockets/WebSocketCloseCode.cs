namespace SocketIo.Protocol.WebSockets;

/// <summary>
/// Close status codes (RFC 6455 §7.4.1, IANA registry) and the rules about which of them may appear on the wire.
/// </summary>
internal static class WebSocketCloseCode
{
    /// <summary>1000: the purpose of the connection has been fulfilled.</summary>
    public const ushort NormalClosure = 1000;

    /// <summary>1001: the endpoint is going away (server shutdown, page navigation).</summary>
    public const ushort GoingAway = 1001;

    /// <summary>1002: protocol error.</summary>
    public const ushort ProtocolError = 1002;

    /// <summary>1003: a data type the endpoint cannot accept.</summary>
    public const ushort UnsupportedData = 1003;

    /// <summary>1005: no status code was present. Never sent on the wire.</summary>
    public const ushort NoStatusReceived = 1005;

    /// <summary>1006: closed without a Close frame. Never sent on the wire.</summary>
    public const ushort AbnormalClosure = 1006;

    /// <summary>1007: data inconsistent with the message type (invalid UTF-8 in a text message).</summary>
    public const ushort InvalidFramePayloadData = 1007;

    /// <summary>1008: a message violated the endpoint's policy.</summary>
    public const ushort PolicyViolation = 1008;

    /// <summary>1009: a message too big to process.</summary>
    public const ushort MessageTooBig = 1009;

    /// <summary>1010: the client expected an extension the server did not negotiate.</summary>
    public const ushort MandatoryExtension = 1010;

    /// <summary>1011: an unexpected condition on the server.</summary>
    public const ushort InternalError = 1011;

    /// <summary>1015: TLS handshake failure. Never sent on the wire.</summary>
    public const ushort TlsHandshake = 1015;

    /// <summary>
    /// True when a peer may send <paramref name="code"/> in a Close frame: 1000-1003, 1007-1014 and the
    /// application/library range 3000-4999. Anything else (0-999, 1004-1006, 1015, 1016-2999, 5000+) means
    /// the peer broke the protocol (answer <see cref="ProtocolError"/>).
    /// </summary>
    public static bool IsValidOnWire(int code) => code switch
    {
        >= 1000 and <= 1003 => true,
        >= 1007 and <= 1014 => true,
        >= 3000 and <= 4999 => true,
        _ => false,
    };
}
