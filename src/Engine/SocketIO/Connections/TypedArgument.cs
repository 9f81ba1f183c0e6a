using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using SocketIo.Protocol.SocketIO;

namespace SocketIo.Engine.SocketIO.Connections;

/// <summary>One argument serialized with its own <see cref="JsonTypeInfo{T}"/> (source-generated or not).</summary>
internal readonly struct TypedArgument<T>(T value, JsonTypeInfo<T> typeInfo) : IEmitArguments
{
    public void WriteEvent(IBufferWriter<byte> output, ReadOnlySpan<byte> nsp, string eventName, long ackId,
        List<ReadOnlyMemory<byte>> attachments, JsonSerializerOptions options)
    {
        var builder = SocketIoPacketBuilder.CreateEvent(eventName, attachments);
        try
        {
            builder.AddArgument(value, typeInfo);
            builder.WriteTo(output, nsp, ackId);
        }
        finally
        {
            builder.Dispose();
        }
    }

    public void WriteAck(IBufferWriter<byte> output, ReadOnlySpan<byte> nsp, long ackId,
        List<ReadOnlyMemory<byte>> attachments, JsonSerializerOptions options)
    {
        var builder = SocketIoPacketBuilder.CreateAck(attachments);
        try
        {
            builder.AddArgument(value, typeInfo);
            builder.WriteTo(output, nsp, ackId);
        }
        finally
        {
            builder.Dispose();
        }
    }
}
