using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace SocketIo.Protocol.SocketIO;

/// <summary>Deserializes received arguments, resolving binary placeholders to their attachments.</summary>
public static class SocketIoArguments
{
    /// <summary>
    /// Deserializes one argument (an element from <see cref="SocketIoPacket.GetArguments"/>). Placeholders
    /// deserialized as <c>byte[]</c> or <see cref="ReadOnlyMemory{T}"/> by the Socket.IO converters become
    /// <paramref name="attachments"/>[num].
    /// </summary>
    /// <exception cref="JsonException">The JSON does not fit <typeparamref name="T"/>.</exception>
    public static T? Deserialize<T>(ReadOnlySpan<byte> argument, JsonTypeInfo<T> typeInfo, IReadOnlyList<ReadOnlyMemory<byte>>? attachments = null)
    {
        var previous = SocketIoBinaryContext.BeginRead(attachments);
        try
        {
            return JsonSerializer.Deserialize(argument, typeInfo);
        }
        finally
        {
            SocketIoBinaryContext.EndRead(previous);
        }
    }

    /// <summary>Reflection-based <see cref="Deserialize{T}(ReadOnlySpan{byte}, JsonTypeInfo{T}, IReadOnlyList{ReadOnlyMemory{byte}}?)"/>.</summary>
    [RequiresUnreferencedCode("Reflection-based serialization; use the JsonTypeInfo overload for trimming.")]
    [RequiresDynamicCode("Reflection-based serialization; use the JsonTypeInfo overload for AOT.")]
    public static T? Deserialize<T>(ReadOnlySpan<byte> argument, IReadOnlyList<ReadOnlyMemory<byte>>? attachments = null, JsonSerializerOptions? options = null) =>
        Deserialize(argument, (JsonTypeInfo<T>)(options ?? SocketIoJson.DefaultOptions).GetTypeInfo(typeof(T)), attachments);
}
