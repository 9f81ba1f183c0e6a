using System.Text.Json;
using System.Text.Json.Serialization;

namespace SocketIo.Protocol.SocketIO;

/// <summary>
/// The <see cref="ReadOnlyMemory{T}"/> twin of <see cref="SocketIoByteArrayConverter"/>: attachments are
/// neither copied on write nor on read (the memory refers to the received attachment).
/// </summary>
public sealed class SocketIoReadOnlyMemoryConverter : JsonConverter<ReadOnlyMemory<byte>>
{
    /// <inheritdoc />
    public override ReadOnlyMemory<byte> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String ? reader.GetBytesFromBase64() : ReadAttachment(ref reader);

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, ReadOnlyMemory<byte> value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        WriteAttachment(writer, value);
    }

    internal static ReadOnlyMemory<byte> ReadAttachment(ref Utf8JsonReader reader)
    {
        var source = SocketIoBinaryContext.Source;
        if (!SocketIoPlaceholder.TryRead(ref reader, out var number) || source is null || number >= source.Count)
        {
            throw new JsonException("Expected a binary placeholder that refers to one of the packet's attachments.");
        }

        return source[number];
    }

    internal static void WriteAttachment(Utf8JsonWriter writer, ReadOnlyMemory<byte> value)
    {
        if (SocketIoBinaryContext.Sink is null)
        {
            writer.WriteBase64StringValue(value.Span);
            return;
        }

        SocketIoPlaceholder.Write(writer, SocketIoBinaryContext.Add(value));
    }
}
