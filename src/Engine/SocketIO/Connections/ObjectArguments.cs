using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using SocketIo.Protocol.SocketIO;

namespace SocketIo.Engine.SocketIO.Connections;

/// <summary>
/// Arguments given as objects, serialized by their runtime type through the server's
/// <see cref="JsonSerializerOptions"/> (whose resolver may be a source-generated context).
/// </summary>
internal readonly struct ObjectArguments(object?[]? values) : IEmitArguments
{
    public void WriteEvent(IBufferWriter<byte> output, ReadOnlySpan<byte> nsp, string eventName, long ackId,
        List<ReadOnlyMemory<byte>> attachments, JsonSerializerOptions options)
    {
        var builder = SocketIoPacketBuilder.CreateEvent(eventName, attachments);
        try
        {
            AddAll(ref builder, options);
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
            AddAll(ref builder, options);
            builder.WriteTo(output, nsp, ackId);
        }
        finally
        {
            builder.Dispose();
        }
    }

    private void AddAll(ref SocketIoPacketBuilder builder, JsonSerializerOptions options)
    {
        if (values is null || values.Length == 0)
            return;
        // typeof(object) dispatches on each value's runtime type through the same options.
        var typeInfo = (JsonTypeInfo<object?>)options.GetTypeInfo(typeof(object));
        foreach (var value in values)
            builder.AddArgument(value, typeInfo);
    }
}
