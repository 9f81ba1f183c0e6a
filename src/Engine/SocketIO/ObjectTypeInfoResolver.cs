using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace SocketIo.Engine.SocketIO;

/// <summary>
/// Supplies <c>object</c> (serialized by each value's runtime type) and <see cref="JsonElement"/> to resolvers that
/// lack them, such as a source-generated context, without reflection.
/// </summary>
internal sealed class ObjectTypeInfoResolver : IJsonTypeInfoResolver
{
    public static ObjectTypeInfoResolver Instance { get; } = new();

    public JsonTypeInfo? GetTypeInfo(Type type, JsonSerializerOptions options)
    {
        if (type == typeof(object))
            return JsonMetadataServices.CreateValueInfo<object>(options, JsonMetadataServices.ObjectConverter);
        if (type == typeof(JsonElement))
            return JsonMetadataServices.CreateValueInfo<JsonElement>(options, JsonMetadataServices.JsonElementConverter);
        return null;
    }
}
