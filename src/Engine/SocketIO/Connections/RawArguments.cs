using System.Buffers;
using System.Text;
using System.Text.Json;
using SocketIo.Protocol.SocketIO;

namespace SocketIo.Engine.SocketIO.Connections;

/// <summary>
/// Arguments as already-encoded JSON (comma-separated values, e.g. <see cref="SocketIoMessage.RawArguments"/> of a
/// received event) whose placeholders refer to <paramref name="attachments"/>: forwarded without re-serializing.
/// </summary>
internal readonly struct RawArguments(ReadOnlyMemory<byte> json, IReadOnlyList<ReadOnlyMemory<byte>>? attachments) : IEmitArguments
{
    private const int StackNameLength = 256;

    public void WriteEvent(IBufferWriter<byte> output, ReadOnlySpan<byte> nsp, string eventName, long ackId,
        List<ReadOnlyMemory<byte>> sink, JsonSerializerOptions options)
    {
        var count = AddAttachments(sink);
        var byteCount = Encoding.UTF8.GetByteCount(eventName);
        byte[]? rented = null;
        var name = byteCount <= StackNameLength ? stackalloc byte[StackNameLength] : (rented = ArrayPool<byte>.Shared.Rent(byteCount));
        try
        {
            var length = Encoding.UTF8.GetBytes(eventName, name);
            SocketIoPacketWriter.WriteEvent(output, nsp, name[..length], json.Span, ackId, count);
        }
        finally
        {
            if (rented is not null)
                ArrayPool<byte>.Shared.Return(rented);
        }
    }

    public void WriteAck(IBufferWriter<byte> output, ReadOnlySpan<byte> nsp, long ackId,
        List<ReadOnlyMemory<byte>> sink, JsonSerializerOptions options) =>
        SocketIoPacketWriter.WriteAck(output, nsp, ackId, json.Span, AddAttachments(sink));

    private int AddAttachments(List<ReadOnlyMemory<byte>> sink)
    {
        if (attachments is null)
            return 0;
        foreach (var blob in attachments)
            sink.Add(blob);
        return attachments.Count;
    }
}
