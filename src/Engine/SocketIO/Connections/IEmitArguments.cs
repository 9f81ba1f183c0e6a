using System.Buffers;
using System.Text.Json;

namespace SocketIo.Engine.SocketIO.Connections;

/// <summary>
/// The arguments of one outgoing EVENT or ACK, written straight into the packet buffer. Implemented by structs
/// (objects, one typed value, raw JSON) so the encoder is specialized per kind and nothing is boxed.
/// </summary>
internal interface IEmitArguments
{
    /// <summary>Writes <c>2[nsp,][ackId]["name",args]</c> (or the binary form), adding blobs to <paramref name="attachments"/>.</summary>
    void WriteEvent(IBufferWriter<byte> output, ReadOnlySpan<byte> nsp, string eventName, long ackId,
        List<ReadOnlyMemory<byte>> attachments, JsonSerializerOptions options);

    /// <summary>Writes <c>3[nsp,]ackId[args]</c> (or the binary form), adding blobs to <paramref name="attachments"/>.</summary>
    void WriteAck(IBufferWriter<byte> output, ReadOnlySpan<byte> nsp, long ackId,
        List<ReadOnlyMemory<byte>> attachments, JsonSerializerOptions options);
}
