using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using SocketIo.Protocol.SocketIO;

namespace SocketIo.Engine.SocketIO;

/// <summary>
/// The arguments of a received event or acknowledgement: raw JSON values (forwardable without re-serializing) that
/// deserialize on demand, with binary placeholders resolved to the packet's attachments.
/// </summary>
public class SocketIoMessage
{
    private static readonly IReadOnlyList<ReadOnlyMemory<byte>> NoAttachments = [];
    private readonly byte[] _payload;
    private readonly (int Start, int End)[] _arguments;
    private readonly JsonSerializerOptions _options;

    /// <summary>Wraps a copy of a validated JSON array payload; <paramref name="skipFirst"/> skips an event name.</summary>
    internal SocketIoMessage(byte[] payload, bool skipFirst, IReadOnlyList<ReadOnlyMemory<byte>>? attachments, JsonSerializerOptions options)
    {
        _payload = payload;
        _options = options;
        Attachments = attachments ?? NoAttachments;
        _arguments = Split(payload, skipFirst);
    }

    /// <summary>Number of arguments.</summary>
    public int Count => _arguments.Length;

    /// <summary>The attachments the placeholders refer to, in <c>num</c> order.</summary>
    public IReadOnlyList<ReadOnlyMemory<byte>> Attachments { get; }

    /// <summary>
    /// The arguments' JSON text, comma-separated, without brackets; placeholders refer to <see cref="Attachments"/>.
    /// Pass both to an <c>EmitRaw</c> method to forward the arguments unchanged.
    /// </summary>
    public ReadOnlyMemory<byte> RawArguments =>
        _arguments.Length == 0 ? default : _payload.AsMemory(_arguments[0].Start, _arguments[^1].End - _arguments[0].Start);

    /// <summary>One argument's JSON text.</summary>
    public ReadOnlyMemory<byte> GetRawArgument(int index)
    {
        var (start, end) = _arguments[index];
        return _payload.AsMemory(start, end - start);
    }

    /// <summary>Deserializes one argument with <paramref name="typeInfo"/>; binary placeholders become attachments.</summary>
    /// <exception cref="JsonException">The JSON does not fit <typeparamref name="T"/>.</exception>
    public T? GetArgument<T>(int index, JsonTypeInfo<T> typeInfo) =>
        SocketIoArguments.Deserialize(GetRawArgument(index).Span, typeInfo, Attachments);

    /// <summary>Deserializes one argument with the server's serializer options.</summary>
    /// <exception cref="JsonException">The JSON does not fit <typeparamref name="T"/>.</exception>
    public T? GetArgument<T>(int index) => GetArgument(index, (JsonTypeInfo<T>)_options.GetTypeInfo(typeof(T)));

    /// <summary>One argument as a <see cref="JsonElement"/> (placeholders stay as objects).</summary>
    public JsonElement GetElement(int index)
    {
        var reader = new Utf8JsonReader(GetRawArgument(index).Span);
        return JsonElement.ParseValue(ref reader);
    }

    private static (int, int)[] Split(byte[] payload, bool skipFirst)
    {
        if (payload.Length == 0)
            return [];
        var reader = new Utf8JsonReader(payload);
        reader.Read();
        var found = new List<(int, int)>();
        var first = true;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var start = (int)reader.TokenStartIndex;
            if (reader.TokenType is JsonTokenType.StartArray or JsonTokenType.StartObject)
                reader.Skip();
            if (!(first && skipFirst))
                found.Add((start, (int)reader.BytesConsumed));
            first = false;
        }

        return [.. found];
    }
}
