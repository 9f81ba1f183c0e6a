namespace SocketIo.Protocol.WebSockets;

/// <summary>Why the frame reader failed the connection. <see cref="WebSocketFrameErrors.ToCloseCode"/> gives the Close code to send.</summary>
internal enum WebSocketFrameError : byte
{
    /// <summary>No error.</summary>
    None,

    /// <summary>A client frame without the MASK bit (§5.1). 1002.</summary>
    UnmaskedFrame,

    /// <summary>RSV1, RSV2 or RSV3 set with no extension negotiated (§5.2). 1002.</summary>
    ReservedBitsSet,

    /// <summary>Opcode 3-7 or B-F (§5.2). 1002.</summary>
    ReservedOpcode,

    /// <summary>A control frame with FIN clear (§5.5). 1002.</summary>
    FragmentedControlFrame,

    /// <summary>A control frame with more than 125 bytes of payload (§5.5). 1002.</summary>
    ControlFrameTooLong,

    /// <summary>A 64-bit payload length with its most significant bit set (§5.2). 1002.</summary>
    LengthHighBitSet,

    /// <summary>
    /// A payload length in a longer form than needed (126 form below 126, 127 form below 65536). §5.2 says the
    /// minimal form MUST be used; this reader rejects the others. 1002.
    /// </summary>
    NonMinimalLength,

    /// <summary>A continuation frame with no fragmented message in progress (§5.4). 1002.</summary>
    UnexpectedContinuation,

    /// <summary>A new text or binary frame while a fragmented message is in progress (§5.4). 1002.</summary>
    ExpectedContinuation,

    /// <summary>A Close payload of exactly one byte (§5.5.1). 1002.</summary>
    CloseCodeTruncated,

    /// <summary>A Close code a peer may not send (§7.4). 1002.</summary>
    InvalidCloseCode,

    /// <summary>A Close reason that is not valid UTF-8 (§5.5.1). 1007.</summary>
    InvalidCloseReason,

    /// <summary>A text message that is not valid UTF-8, or ends inside a code point (§8.1). 1007.</summary>
    InvalidUtf8,

    /// <summary>The message (all its fragments together) is longer than the configured limit. 1009.</summary>
    MessageTooBig,
}
