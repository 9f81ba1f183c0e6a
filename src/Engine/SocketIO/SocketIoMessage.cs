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
    private readonly bool _skipFirst;
    private readonly JsonSerializerOptions _options;
    private byte[] _payload;
    private int _length;
    private int _rawStart;
    private int _rawEnd;

    // Built on the first per-argument access: forwarding (RawArguments) and Count need only the scan the constructor
    // does, so a forwarded event allocates no offsets table.
    private (int Start, int End)[]? _arguments;

    /// <summary>Wraps a copy of a validated JSON array payload; <paramref name="skipFirst"/> skips an event name.</summary>
    internal SocketIoMessage(byte[] payload, bool skipFirst, IReadOnlyList<ReadOnlyMemory<byte>>? attachments, JsonSerializerOptions options)
    {
        _payload = payload;
        _length = payload.Length;
        _options = options;
        Attachments = attachments ?? NoAttachments;
        _skipFirst = skipFirst;
        (Count, _rawStart, _rawEnd) = Scan(payload, skipFirst);
    }

    /// <summary>Number of arguments.</summary>
    public int Count { get; private set; }

    /// <summary>The attachments the placeholders refer to, in <c>num</c> order.</summary>
    public IReadOnlyList<ReadOnlyMemory<byte>> Attachments { get; private set; }

    /// <summary>Takes a copy of <paramref name="payload"/> into the reused buffer (see <see cref="SocketIoServerOptions.ReuseEvents"/>).</summary>
    private protected void Reset(ReadOnlySpan<byte> payload, IReadOnlyList<ReadOnlyMemory<byte>>? attachments)
    {
        if (_payload.Length < payload.Length)
            _payload = new byte[Math.Max(payload.Length, _payload.Length * 2)];
        payload.CopyTo(_payload);
        _length = payload.Length;
        Attachments = attachments ?? NoAttachments;
        _arguments = null;
        (Count, _rawStart, _rawEnd) = Scan(payload, _skipFirst);
    }

    /// <summary>
    /// The arguments' JSON text, comma-separated, without brackets; placeholders refer to <see cref="Attachments"/>.
    /// Pass both to an <c>EmitRaw</c> method to forward the arguments unchanged.
    /// </summary>
    public ReadOnlyMemory<byte> RawArguments => Count == 0 ? default : _payload.AsMemory(_rawStart, _rawEnd - _rawStart);

    /// <summary>One argument's JSON text.</summary>
    public ReadOnlyMemory<byte> GetRawArgument(int index)
    {
        // A race builds the same table twice; either copy is correct.
        var arguments = Volatile.Read(ref _arguments) ?? Split();
        var (start, end) = arguments[index];
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

    /// <summary>The argument count and the span from the first argument's start to the last one's end.</summary>
    private static (int Count, int Start, int End) Scan(ReadOnlySpan<byte> payload, bool skipFirst)
    {
        if (payload.Length == 0)
            return (0, 0, 0);
        var reader = new Utf8JsonReader(payload);
        reader.Read();
        int count = 0, rawStart = 0, rawEnd = 0;
        var first = true;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var start = (int)reader.TokenStartIndex;
            if (reader.TokenType is JsonTokenType.StartArray or JsonTokenType.StartObject)
                reader.Skip();
            if (!(first && skipFirst))
            {
                if (count++ == 0)
                    rawStart = start;
                rawEnd = (int)reader.BytesConsumed;
            }

            first = false;
        }

        return (count, rawStart, rawEnd);
    }

    private (int Start, int End)[] Split()
    {
        var arguments = new (int Start, int End)[Count];
        if (Count > 0)
        {
            var reader = new Utf8JsonReader(_payload.AsSpan(0, _length));
            reader.Read();
            var index = _skipFirst ? -1 : 0;
            while (index < arguments.Length && reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                var start = (int)reader.TokenStartIndex;
                if (reader.TokenType is JsonTokenType.StartArray or JsonTokenType.StartObject)
                    reader.Skip();
                if (index >= 0)
                    arguments[index] = (start, (int)reader.BytesConsumed);
                index++;
            }
        }

        Volatile.Write(ref _arguments, arguments);
        return arguments;
    }
}
