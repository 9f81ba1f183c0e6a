using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SocketIo.Protocol.SocketIO;

/// <summary>
/// Serializes <c>byte[]</c> as a Socket.IO binary attachment: inside <see cref="SocketIoPacketBuilder"/> the
/// array becomes an attachment and a placeholder is written; inside <see cref="SocketIoArguments"/> a
/// placeholder is resolved to its attachment. Elsewhere it falls back to base64, like the default converter.
/// Register it in your <see cref="JsonSerializerOptions.Converters"/> or
/// <c>[JsonSourceGenerationOptions(Converters = ...)]</c>.
/// </summary>
public sealed class SocketIoByteArrayConverter : JsonConverter<byte[]>
{
    /// <inheritdoc />
    public override byte[]? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return reader.GetBytesFromBase64();
        }

        var blob = SocketIoReadOnlyMemoryConverter.ReadAttachment(ref reader);
        return MemoryMarshal.TryGetArray(blob, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
            ? segment.Array
            : blob.ToArray();
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, byte[] value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        SocketIoReadOnlyMemoryConverter.WriteAttachment(writer, value);
    }
}
