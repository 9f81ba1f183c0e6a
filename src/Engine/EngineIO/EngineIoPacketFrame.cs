using SocketIo.Engine.Buffers;
using SocketIo.Protocol.EngineIO;
using SocketIo.Protocol.WebSockets;

namespace SocketIo.Engine.EngineIO;

/// <summary>
/// One outgoing Engine.IO packet, encoded once and shareable by any number of sessions: a pooled
/// <see cref="SharedFrame"/> holding the packet as a complete WebSocket frame (header, then the payload). A
/// WebSocket session queues the frame as is; a polling session copies <see cref="Payload"/> (the text packet,
/// e.g. <c>4hello</c>) into its poll response, or writes <c>b</c> + base64 of it for a binary message. So one
/// buffer serves both transports and nothing is copied per recipient before a flush.
/// </summary>
/// <remarks>
/// Ownership follows <see cref="SharedFrame"/>: the creator holds one reference, a session that queues the packet
/// takes its own, and each holder calls <see cref="Release"/> once.
/// </remarks>
internal readonly struct EngineIoPacketFrame
{
    private EngineIoPacketFrame(SharedFrame frame, int headerLength, bool isBinary)
    {
        Frame = frame;
        HeaderLength = headerLength;
        IsBinary = isBinary;
    }

    /// <summary>The whole WebSocket frame; null for a default instance.</summary>
    public SharedFrame? Frame { get; }

    /// <summary>Length of the WebSocket header at the start of <see cref="Frame"/>.</summary>
    public int HeaderLength { get; }

    /// <summary>True for a binary message (raw bytes); false for a text packet.</summary>
    public bool IsBinary { get; }

    /// <summary>The packet without the WebSocket header: <c>&lt;type digit&gt;&lt;data&gt;</c> for text, raw bytes for binary.</summary>
    public ReadOnlySpan<byte> Payload => Frame is null ? default : Frame.Span[HeaderLength..];

    /// <summary>Length of the packet in a polling payload (binary grows to <c>b</c> + base64).</summary>
    public int PollingLength => IsBinary ? EngineIOPacketWriter.GetBase64BinaryLength(Payload.Length) : Payload.Length;

    /// <summary>Encodes the text packet <c>&lt;type digit&gt;&lt;data&gt;</c>.</summary>
    public static EngineIoPacketFrame CreateText(EngineIOPacketType type, ReadOnlySpan<byte> utf8Data, SharedFramePool? pool = null)
    {
        var packet = CreateText(type, utf8Data.Length, out var data, pool);
        utf8Data.CopyTo(data);
        return packet;
    }

    /// <summary>
    /// Rents a text packet of <paramref name="utf8DataLength"/> data bytes (after the type digit) and hands out the
    /// data area for the caller to fill before publishing the packet (size first, write once).
    /// </summary>
    public static EngineIoPacketFrame CreateText(EngineIOPacketType type, int utf8DataLength, out Span<byte> data, SharedFramePool? pool = null)
    {
        var payloadLength = EngineIOPacketWriter.GetTextLength(utf8DataLength);
        var packet = Rent(WebSocketOpcode.Text, payloadLength, pool, out var payload);
        payload[0] = EngineIOPacketWriter.TypeDigit(type);
        data = payload[1..];
        return packet;
    }

    /// <summary>Encodes a binary message.</summary>
    public static EngineIoPacketFrame CreateBinary(ReadOnlySpan<byte> bytes, SharedFramePool? pool = null)
    {
        var packet = Rent(WebSocketOpcode.Binary, bytes.Length, pool, out var payload);
        bytes.CopyTo(payload);
        return packet;
    }

    /// <summary>Takes one more reference (a session queuing the packet).</summary>
    public void AddRef() => Frame?.AddRef();

    /// <summary>Drops one reference.</summary>
    public void Release() => Frame?.Release();

    private static EngineIoPacketFrame Rent(WebSocketOpcode opcode, int payloadLength, SharedFramePool? pool, out Span<byte> payload)
    {
        var headerLength = WebSocketFrameWriter.GetHeaderLength(payloadLength);
        var frame = (pool ?? SharedFramePool.Shared).Rent(headerLength + payloadLength);
        var span = frame.GetSpan(headerLength + payloadLength)[..(headerLength + payloadLength)];
        WebSocketFrameWriter.WriteHeader(span, opcode, payloadLength);
        frame.Advance(headerLength + payloadLength);
        payload = span[headerLength..];
        return new EngineIoPacketFrame(frame, headerLength, opcode == WebSocketOpcode.Binary);
    }
}
