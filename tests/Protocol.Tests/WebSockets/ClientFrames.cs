using System.Buffers;
using SocketIo.Protocol.WebSockets;

namespace SocketIo.Protocol.Tests.WebSockets;

/// <summary>Builds masked client frames for reader tests.</summary>
internal static class ClientFrames
{
    public const uint MaskKey = 0x3D21FA37;

    public static byte[] Frame(WebSocketOpcode opcode, ReadOnlySpan<byte> payload, bool isFinal = true, uint maskKey = MaskKey)
    {
        var frame = new byte[WebSocketProtocol.MaxClientHeaderLength + payload.Length];
        var length = WebSocketFrameWriter.WriteMaskedFrame(frame, opcode, payload, maskKey, isFinal);
        return frame[..length];
    }

    public static byte[] Concat(params byte[][] frames) => [.. frames.SelectMany(f => f)];

    public static string Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexString(bytes);

    public static string TextEvent(string text) => "text:" + Hex(System.Text.Encoding.UTF8.GetBytes(text));

    /// <summary>Reads a whole stream in one piece with a fresh reader.</summary>
    public static IReadOnlyList<string> Read(byte[] bytes, long maxMessageSize = 1 << 24) =>
        SocketIo.Fuzz.WebSocketFrameTranscript.Read(bytes, maxMessageSize);

    /// <summary>Reads with a fresh reader and returns the final status and reader, for single-step assertions.</summary>
    public static (WebSocketReadStatus Status, WebSocketFrameReader Reader, ArrayBufferWriter<byte> Message, long Consumed) ReadOnce(
        byte[] bytes, long maxMessageSize = 1 << 24)
    {
        var reader = new WebSocketFrameReader(maxMessageSize);
        var message = new ArrayBufferWriter<byte>();
        var input = new SequenceReader<byte>(new ReadOnlySequence<byte>(bytes));
        var status = reader.Read(ref input, message);
        return (status, reader, message, input.Consumed);
    }
}
