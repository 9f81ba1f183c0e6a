using System.Buffers.Binary;

namespace SocketIo.LoadGen.WebSockets;

/// <summary>
/// Client-side RFC 6455 framing: headers of masked frames this side sends (§5.2, §5.3) and headers of the
/// unmasked frames a server sends. Only what a load generator needs; the server's own codec lives in
/// src/Protocol, and this one is written separately so the generator tests the server rather than agreeing
/// with it by construction.
/// </summary>
internal static class WebSocketClientFrame
{
    /// <summary>Largest client frame header: 2 + 8 (64-bit length) + 4 (mask key).</summary>
    public const int MaxHeaderLength = 14;

    /// <summary>Length of the header of a masked frame carrying <paramref name="payloadLength"/> bytes.</summary>
    public static int GetMaskedHeaderLength(long payloadLength) => payloadLength switch
    {
        <= 125 => 6,
        <= ushort.MaxValue => 8,
        _ => 14,
    };

    /// <summary>Writes a masked frame header (FIN set) with <paramref name="maskKey"/>; returns its length.</summary>
    public static int WriteMaskedHeader(Span<byte> destination, WebSocketOpcode opcode, long payloadLength, uint maskKey)
    {
        destination[0] = (byte)(0x80 | (byte)opcode);
        int offset;
        if (payloadLength <= 125)
        {
            destination[1] = (byte)(0x80 | payloadLength);
            offset = 2;
        }
        else if (payloadLength <= ushort.MaxValue)
        {
            destination[1] = 0x80 | 126;
            BinaryPrimitives.WriteUInt16BigEndian(destination[2..], (ushort)payloadLength);
            offset = 4;
        }
        else
        {
            destination[1] = 0x80 | 127;
            BinaryPrimitives.WriteUInt64BigEndian(destination[2..], (ulong)payloadLength);
            offset = 10;
        }

        BinaryPrimitives.WriteUInt32LittleEndian(destination[offset..], maskKey);
        return offset + 4;
    }

    /// <summary>XORs <paramref name="payload"/> in place with the 4-byte key stored at <paramref name="key"/> (§5.3).</summary>
    public static void Mask(Span<byte> payload, ReadOnlySpan<byte> key)
    {
        Span<byte> repeated = stackalloc byte[8];
        key[..4].CopyTo(repeated);
        key[..4].CopyTo(repeated[4..]);
        var wide = BitConverter.ToUInt64(repeated);
        var i = 0;
        for (; i + 8 <= payload.Length; i += 8)
        {
            var span = payload.Slice(i, 8);
            BitConverter.TryWriteBytes(span, BitConverter.ToUInt64(span) ^ wide);
        }

        for (; i < payload.Length; i++)
        {
            payload[i] ^= key[i & 3];
        }
    }

    /// <summary>
    /// Reads a server frame header from the start of <paramref name="data"/>. Returns false when more bytes
    /// are needed; throws <see cref="InvalidDataException"/> for a header a server must not send.
    /// </summary>
    public static bool TryReadServerHeader(ReadOnlySpan<byte> data, out WebSocketFrameHeader header)
    {
        header = default;
        if (data.Length < 2)
        {
            return false;
        }

        var first = data[0];
        var second = data[1];
        if ((first & 0x70) != 0)
        {
            throw new InvalidDataException("server frame has RSV bits set (no extension was negotiated)");
        }

        if ((second & 0x80) != 0)
        {
            throw new InvalidDataException("server frame is masked (RFC 6455 §5.1)");
        }

        long length = second & 0x7F;
        var headerLength = 2;
        if (length == 126)
        {
            if (data.Length < 4)
            {
                return false;
            }

            length = BinaryPrimitives.ReadUInt16BigEndian(data[2..]);
            headerLength = 4;
        }
        else if (length == 127)
        {
            if (data.Length < 10)
            {
                return false;
            }

            var wide = BinaryPrimitives.ReadUInt64BigEndian(data[2..]);
            if (wide > long.MaxValue)
            {
                throw new InvalidDataException("server frame length has the top bit set");
            }

            length = (long)wide;
            headerLength = 10;
        }

        header = new WebSocketFrameHeader((first & 0x80) != 0, (WebSocketOpcode)(first & 0x0F), headerLength, length);
        return true;
    }
}
