using System.Buffers;
using System.Buffers.Binary;

namespace SocketIo.Protocol.WebSockets;

/// <summary>
/// Writes server-to-client frames (RFC 6455 §5.2): never masked, so a header is 2, 4 or 10 bytes and the
/// payload follows unchanged. A complete frame is a pure function of (opcode, payload), which is what lets a
/// broadcast frame a message once and send the same bytes to every connection: size it with
/// <see cref="GetFrameLength"/>, fill one buffer with <see cref="WriteFrame(Span{byte}, WebSocketOpcode, ReadOnlySpan{byte}, bool)"/>,
/// share that buffer.
/// </summary>
internal static class WebSocketFrameWriter
{
    /// <summary>Length of the header of a server frame carrying <paramref name="payloadLength"/> bytes.</summary>
    public static int GetHeaderLength(long payloadLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(payloadLength);
        return payloadLength switch
        {
            <= WebSocketProtocol.MaxSevenBitLength => 2,
            <= ushort.MaxValue => 4,
            _ => WebSocketProtocol.MaxServerHeaderLength,
        };
    }

    /// <summary>Length of a whole server frame (header and payload) carrying <paramref name="payloadLength"/> bytes.</summary>
    public static long GetFrameLength(long payloadLength) => GetHeaderLength(payloadLength) + payloadLength;

    /// <summary>
    /// Writes the header of a server frame at the start of <paramref name="destination"/>, using the minimal length
    /// form. Returns the number of bytes written (<see cref="GetHeaderLength"/>).
    /// </summary>
    public static int WriteHeader(Span<byte> destination, WebSocketOpcode opcode, long payloadLength, bool isFinal = true)
    {
        var headerLength = GetHeaderLength(payloadLength);
        var header = destination[..headerLength];
        header[0] = (byte)((isFinal ? WebSocketProtocol.FinBit : 0) | (byte)opcode);
        switch (headerLength)
        {
            case 2:
                header[1] = (byte)payloadLength;
                break;
            case 4:
                header[1] = WebSocketProtocol.SixteenBitLengthMarker;
                BinaryPrimitives.WriteUInt16BigEndian(header[2..], (ushort)payloadLength);
                break;
            default:
                header[1] = WebSocketProtocol.SixtyFourBitLengthMarker;
                BinaryPrimitives.WriteUInt64BigEndian(header[2..], (ulong)payloadLength);
                break;
        }

        return headerLength;
    }

    /// <summary>
    /// Writes a header so that it <em>ends</em> at the end of <paramref name="headerSpace"/> (give it
    /// <see cref="WebSocketProtocol.MaxServerHeaderLength"/> bytes) and returns where it starts. Lets an encoder
    /// reserve 10 bytes, write the payload right after them without knowing its length in advance, then frame it
    /// in place: the frame is <c>buffer[start..]</c>, with no copy of the payload.
    /// </summary>
    public static int WriteHeaderRightAligned(Span<byte> headerSpace, WebSocketOpcode opcode, long payloadLength, bool isFinal = true)
    {
        var start = headerSpace.Length - GetHeaderLength(payloadLength);
        WriteHeader(headerSpace[start..], opcode, payloadLength, isFinal);
        return start;
    }

    /// <summary>Writes a whole frame (header then payload) into <paramref name="destination"/> and returns its length.</summary>
    public static int WriteFrame(Span<byte> destination, WebSocketOpcode opcode, ReadOnlySpan<byte> payload, bool isFinal = true)
    {
        var headerLength = WriteHeader(destination, opcode, payload.Length, isFinal);
        payload.CopyTo(destination[headerLength..]);
        return headerLength + payload.Length;
    }

    /// <summary>Writes a whole frame into <paramref name="writer"/> with one <c>GetSpan</c>/<c>Advance</c>.</summary>
    public static void WriteFrame(IBufferWriter<byte> writer, WebSocketOpcode opcode, ReadOnlySpan<byte> payload, bool isFinal = true)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var length = GetHeaderLength(payload.Length) + payload.Length;
        writer.Advance(WriteFrame(writer.GetSpan(length), opcode, payload, isFinal));
    }

    /// <summary>Writes a final text frame; <paramref name="utf8"/> must already be valid UTF-8.</summary>
    public static void WriteText(IBufferWriter<byte> writer, ReadOnlySpan<byte> utf8) => WriteFrame(writer, WebSocketOpcode.Text, utf8);

    /// <summary>Writes a final binary frame.</summary>
    public static void WriteBinary(IBufferWriter<byte> writer, ReadOnlySpan<byte> payload) => WriteFrame(writer, WebSocketOpcode.Binary, payload);

    /// <summary>Writes a Ping (payload at most 125 bytes).</summary>
    public static void WritePing(IBufferWriter<byte> writer, ReadOnlySpan<byte> payload) =>
        WriteFrame(writer, WebSocketOpcode.Ping, CheckControlPayload(payload));

    /// <summary>Writes a Pong; answer a Ping with the Ping's payload.</summary>
    public static void WritePong(IBufferWriter<byte> writer, ReadOnlySpan<byte> payload) =>
        WriteFrame(writer, WebSocketOpcode.Pong, CheckControlPayload(payload));

    /// <summary>Length of a Close frame with a code and a reason of <paramref name="reasonLength"/> bytes.</summary>
    public static int GetCloseFrameLength(int reasonLength) => 2 + WebSocketProtocol.CloseCodeLength + reasonLength;

    /// <summary>
    /// Writes a Close frame with <paramref name="code"/> and a UTF-8 <paramref name="reason"/> (at most 123 bytes)
    /// into <paramref name="destination"/>; returns its length. Codes that must never be sent (1005, 1006, 1015,
    /// anything a peer could not send back) are refused.
    /// </summary>
    public static int WriteClose(Span<byte> destination, ushort code, ReadOnlySpan<byte> reason)
    {
        if (!WebSocketCloseCode.IsValidOnWire(code))
        {
            throw new ArgumentOutOfRangeException(nameof(code), code, "This close code may not be sent.");
        }

        ArgumentOutOfRangeException.ThrowIfGreaterThan(reason.Length, WebSocketProtocol.MaxCloseReasonLength, nameof(reason));
        var payloadLength = WebSocketProtocol.CloseCodeLength + reason.Length;
        var headerLength = WriteHeader(destination, WebSocketOpcode.Close, payloadLength);
        BinaryPrimitives.WriteUInt16BigEndian(destination[headerLength..], code);
        reason.CopyTo(destination[(headerLength + WebSocketProtocol.CloseCodeLength)..]);
        return headerLength + payloadLength;
    }

    /// <summary>Writes a Close frame with a code and reason into <paramref name="writer"/>.</summary>
    public static void WriteClose(IBufferWriter<byte> writer, ushort code, ReadOnlySpan<byte> reason)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Advance(WriteClose(writer.GetSpan(GetCloseFrameLength(reason.Length)), code, reason));
    }

    /// <summary>Writes a Close frame with no code (the peer sees 1005), as the Engine.IO reference server does.</summary>
    public static void WriteClose(IBufferWriter<byte> writer) => WriteFrame(writer, WebSocketOpcode.Close, default);

    /// <summary>
    /// Writes a masked (client-to-server) frame: what a client sends. The server never needs it; tests and fuzz
    /// targets use it to produce input for <see cref="WebSocketFrameReader"/>.
    /// </summary>
    public static int WriteMaskedFrame(Span<byte> destination, WebSocketOpcode opcode, ReadOnlySpan<byte> payload, uint maskKey, bool isFinal = true)
    {
        var headerLength = WriteHeader(destination, opcode, payload.Length, isFinal);
        destination[1] |= WebSocketProtocol.MaskBit;
        WebSocketMask.WriteKey(destination[headerLength..], maskKey);
        headerLength += WebSocketProtocol.MaskLength;
        WebSocketMask.Apply(payload, destination[headerLength..], maskKey, 0);
        return headerLength + payload.Length;
    }

    private static ReadOnlySpan<byte> CheckControlPayload(ReadOnlySpan<byte> payload)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(payload.Length, WebSocketProtocol.MaxControlPayloadLength, nameof(payload));
        return payload;
    }
}
