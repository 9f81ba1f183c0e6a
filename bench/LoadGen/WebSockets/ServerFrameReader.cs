using System.Runtime.CompilerServices;

namespace SocketIo.LoadGen.WebSockets;

/// <summary>What <see cref="ServerFrameReader.Read"/> found at the reader's position.</summary>
internal enum ServerFrameStatus
{
    /// <summary>A whole frame; the reader moved past it.</summary>
    Frame,

    /// <summary>The rest of the span holds only part of a frame (see <see cref="ServerFrameReader.Needed"/>).</summary>
    NeedMoreData,
}

/// <summary>
/// Walks the server frames in a span of received bytes without copying: for a receiver that reads many frames
/// per syscall into one buffer and looks at each payload in place. Small unfragmented text frames (every
/// Socket.IO event of a fanout run) take a two-byte fast path; anything else goes through
/// <see cref="WebSocketClientFrame.TryReadServerHeader"/>, which throws <see cref="InvalidDataException"/> for
/// a header a server must not send.
/// </summary>
internal ref struct ServerFrameReader(ReadOnlySpan<byte> data)
{
    private const byte FinText = 0x80 | (byte)WebSocketOpcode.Text;
    private readonly ReadOnlySpan<byte> _data = data;

    /// <summary>Bytes of whole frames read so far.</summary>
    public int Consumed { get; private set; }

    /// <summary>After <see cref="ServerFrameStatus.NeedMoreData"/>: the length of the incomplete frame when its header is whole, else 0.</summary>
    public long Needed { get; private set; }

    /// <summary>Reads the next frame: its FIN bit and opcode, and its payload (a slice of the span).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public ServerFrameStatus Read(out bool fin, out WebSocketOpcode opcode, out ReadOnlySpan<byte> payload)
    {
        var rest = _data[Consumed..];
        if (rest.Length >= 2 && rest[0] == FinText && rest[1] < 126)
        {
            var length = rest[1];
            if (rest.Length >= 2 + length)
            {
                fin = true;
                opcode = WebSocketOpcode.Text;
                payload = rest.Slice(2, length);
                Consumed += 2 + length;
                return ServerFrameStatus.Frame;
            }
        }

        fin = false;
        opcode = default;
        payload = default;
        if (!WebSocketClientFrame.TryReadServerHeader(rest, out var header))
        {
            Needed = 0;
            return ServerFrameStatus.NeedMoreData;
        }

        var total = header.HeaderLength + header.PayloadLength;
        if (rest.Length < total)
        {
            Needed = total;
            return ServerFrameStatus.NeedMoreData;
        }

        fin = header.Fin;
        opcode = header.Opcode;
        payload = rest.Slice(header.HeaderLength, (int)header.PayloadLength);
        Consumed += (int)total;
        return ServerFrameStatus.Frame;
    }
}
