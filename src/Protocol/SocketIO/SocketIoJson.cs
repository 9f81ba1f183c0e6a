using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using SocketIo.Protocol.Json;

namespace SocketIo.Protocol.SocketIO;

/// <summary>System.Text.Json settings for Socket.IO payloads.</summary>
public static class SocketIoJson
{
    /// <summary>
    /// Reflection-based options with the JS-compatible encoder and the binary converters; used by the
    /// overloads that take no <see cref="JsonTypeInfo"/>.
    /// </summary>
    [field: MaybeNull]
    public static JsonSerializerOptions DefaultOptions
    {
        [RequiresUnreferencedCode("Reflection-based serialization.")]
        [RequiresDynamicCode("Reflection-based serialization.")]
        get => field ??= CreateOptions(new DefaultJsonTypeInfoResolver());
    }

    /// <summary>Creates options with <see cref="JsonStringifyEncoder"/> and the two binary converters over <paramref name="resolver"/>.</summary>
    public static JsonSerializerOptions CreateOptions(IJsonTypeInfoResolver resolver)
    {
        var options = new JsonSerializerOptions { Encoder = JsonStringifyEncoder.Instance, TypeInfoResolver = resolver };
        options.Converters.Add(new SocketIoByteArrayConverter());
        options.Converters.Add(new SocketIoReadOnlyMemoryConverter());
        options.MakeReadOnly();
        return options;
    }
}
