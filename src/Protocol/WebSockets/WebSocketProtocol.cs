namespace SocketIo.Protocol.WebSockets;

/// <summary>Sizes and bit masks of the RFC 6455 base framing protocol (§5.2), named after the RFC.</summary>
internal static class WebSocketProtocol
{
    /// <summary>FIN bit of the first header byte: this is the last frame of a message.</summary>
    public const byte FinBit = 0x80;

    /// <summary>RSV1, RSV2 and RSV3 of the first header byte; non-zero only when an extension says so.</summary>
    public const byte ReservedBits = 0x70;

    /// <summary>RSV1 alone (the "compressed" bit of permessage-deflate, RFC 7692).</summary>
    public const byte Rsv1Bit = 0x40;

    /// <summary>Opcode bits of the first header byte.</summary>
    public const byte OpcodeBits = 0x0F;

    /// <summary>MASK bit of the second header byte.</summary>
    public const byte MaskBit = 0x80;

    /// <summary>Payload-length bits of the second header byte.</summary>
    public const byte LengthBits = 0x7F;

    /// <summary>Largest payload length that fits in the 7-bit length field.</summary>
    public const int MaxSevenBitLength = 125;

    /// <summary>7-bit length value announcing a 16-bit extended length.</summary>
    public const byte SixteenBitLengthMarker = 126;

    /// <summary>7-bit length value announcing a 64-bit extended length.</summary>
    public const byte SixtyFourBitLengthMarker = 127;

    /// <summary>Largest payload of a control frame (§5.5).</summary>
    public const int MaxControlPayloadLength = 125;

    /// <summary>Length of the masking key of a client frame.</summary>
    public const int MaskLength = 4;

    /// <summary>Longest server (unmasked) frame header: 2 bytes + 64-bit length.</summary>
    public const int MaxServerHeaderLength = 10;

    /// <summary>Longest client (masked) frame header: 2 bytes + 64-bit length + masking key.</summary>
    public const int MaxClientHeaderLength = 14;

    /// <summary>Length of a close code at the start of a Close payload (§5.5.1).</summary>
    public const int CloseCodeLength = 2;

    /// <summary>Largest close reason in bytes: the control payload limit minus the code.</summary>
    public const int MaxCloseReasonLength = MaxControlPayloadLength - CloseCodeLength;

    /// <summary>Opcodes at or above this value are control frames (§5.5).</summary>
    public const byte FirstControlOpcode = 0x8;

    /// <summary>The only protocol version this codec speaks (§4.1, Sec-WebSocket-Version).</summary>
    public const int Version = 13;
}
