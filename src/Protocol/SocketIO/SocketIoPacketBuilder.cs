using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using SocketIo.Protocol.Json;

namespace SocketIo.Protocol.SocketIO;

/// <summary>
/// Builds an EVENT or ACK from typed arguments (System.Text.Json) and raw JSON arguments, and writes it in
/// <c>JSON.stringify</c> form. <c>byte[]</c> / <see cref="ReadOnlyMemory{T}"/> values anywhere in the arguments
/// (serialized by <see cref="SocketIoByteArrayConverter"/> / <see cref="SocketIoReadOnlyMemoryConverter"/>)
/// become placeholders numbered depth-first and are added to the attachments collection in order; the packet
/// then goes out as BINARY_EVENT / BINARY_ACK with the count. Arguments are serialized into a pooled,
/// per-thread scratch buffer, so the header (whose type and count depend on them) is written once at the end.
/// Dispose the builder to return the buffer.
/// </summary>
/// <example><code>
/// using var b = SocketIoPacketBuilder.CreateEvent("chat"u8, attachments);
/// b.AddArgument(message, MyContext.Default.ChatMessage);
/// b.WriteTo(output, "/"u8);
/// </code></example>
public ref struct SocketIoPacketBuilder
{
    private readonly ICollection<ReadOnlyMemory<byte>>? _attachments;
    private readonly bool _isEvent;
    private JsonScratch? _scratch;
    private bool _hasContent;

    private SocketIoPacketBuilder(bool isEvent, ICollection<ReadOnlyMemory<byte>>? attachments)
    {
        _isEvent = isEvent;
        _attachments = attachments;
        _scratch = JsonScratch.Rent();
        _hasContent = false;
        AttachmentCount = 0;
    }

    /// <summary>How many attachments the arguments added so far produced.</summary>
    public int AttachmentCount { get; private set; }

    /// <summary>Starts an EVENT named <paramref name="utf8EventName"/>.</summary>
    /// <param name="utf8EventName">The event name as UTF-8; must not be reserved.</param>
    /// <param name="attachments">Receives binary arguments in placeholder order; null writes them as base64.</param>
    /// <exception cref="ArgumentException">The name is reserved or not UTF-8.</exception>
    public static SocketIoPacketBuilder CreateEvent(ReadOnlySpan<byte> utf8EventName, ICollection<ReadOnlyMemory<byte>>? attachments = null)
    {
        if (ReservedEventNames.IsReserved(utf8EventName))
        {
            throw new ArgumentException("Reserved event names cannot be emitted.", nameof(utf8EventName));
        }

        var builder = new SocketIoPacketBuilder(isEvent: true, attachments);
        var scratch = builder._scratch!;
        var length = JsonStringWriter.Write(utf8EventName, scratch.GetSpan(JsonStringWriter.GetLength(utf8EventName)));
        scratch.Advance(length);
        builder._hasContent = true;
        return builder;
    }

    /// <summary>Starts an EVENT named <paramref name="eventName"/>.</summary>
    /// <param name="eventName">The event name; must not be reserved. Lone surrogates are kept as escapes.</param>
    /// <param name="attachments">Receives binary arguments in placeholder order; null writes them as base64.</param>
    /// <exception cref="ArgumentException">The name is reserved.</exception>
    public static SocketIoPacketBuilder CreateEvent(string eventName, ICollection<ReadOnlyMemory<byte>>? attachments = null)
    {
        ArgumentNullException.ThrowIfNull(eventName);
        if (ReservedEventNames.IsReserved(eventName))
        {
            throw new ArgumentException("Reserved event names cannot be emitted.", nameof(eventName));
        }

        var builder = new SocketIoPacketBuilder(isEvent: true, attachments);
        JsonStringWriter.Write(eventName, builder._scratch!);
        builder._hasContent = true;
        return builder;
    }

    /// <summary>Starts an ACK (the ack id is given to <see cref="WriteTo"/>).</summary>
    /// <param name="attachments">Receives binary arguments in placeholder order; null writes them as base64.</param>
    public static SocketIoPacketBuilder CreateAck(ICollection<ReadOnlyMemory<byte>>? attachments = null) => new(isEvent: false, attachments);

    /// <summary>Appends one argument serialized with <paramref name="typeInfo"/> (source-generated or not).</summary>
    public void AddArgument<T>(T value, JsonTypeInfo<T> typeInfo)
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        var scratch = BeginArgument();
        var previous = SocketIoBinaryContext.BeginWrite(_attachments, AttachmentCount);
        try
        {
            JsonSerializer.Serialize(scratch.Writer, value, typeInfo);
            scratch.Writer.Flush();
        }
        finally
        {
            AttachmentCount = SocketIoBinaryContext.EndWrite(previous);
        }
    }

    /// <summary>Appends one argument serialized with reflection-based <paramref name="options"/>.</summary>
    [RequiresUnreferencedCode("Reflection-based serialization; use the JsonTypeInfo overload for trimming.")]
    [RequiresDynamicCode("Reflection-based serialization; use the JsonTypeInfo overload for AOT.")]
    public void AddArgument<T>(T value, JsonSerializerOptions? options = null) =>
        AddArgument(value, (JsonTypeInfo<T>)(options ?? SocketIoJson.DefaultOptions).GetTypeInfo(typeof(T)));

    /// <summary>
    /// Appends already-encoded JSON: one value, or several separated by commas (for example
    /// <see cref="SocketIoPacket.RawArguments"/>). It is normalized to <c>JSON.stringify</c> form on output.
    /// </summary>
    public void AddRawArguments(ReadOnlySpan<byte> json)
    {
        if (json.IsEmpty)
        {
            return;
        }

        BeginArgument().Write(json);
    }

    /// <summary>Writes the packet: header (type 2/3, or 5/6 with <c>N-</c> when there are attachments) then payload.</summary>
    /// <param name="output">Destination.</param>
    /// <param name="nsp">Namespace (UTF-8); <c>/</c> is not written.</param>
    /// <param name="ackId">The ack id: optional for an event, required for an ack.</param>
    public readonly void WriteTo(IBufferWriter<byte> output, ReadOnlySpan<byte> nsp, long ackId = SocketIoPacket.NoAckId)
    {
        ArgumentNullException.ThrowIfNull(output);
        ObjectDisposedException.ThrowIf(_scratch is null, typeof(SocketIoPacketBuilder));
        if (!_isEvent)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(ackId);
        }

        var type = (_isEvent, AttachmentCount > 0) switch
        {
            (true, false) => SocketIoPacketType.Event,
            (true, true) => SocketIoPacketType.BinaryEvent,
            (false, false) => SocketIoPacketType.Ack,
            _ => SocketIoPacketType.BinaryAck,
        };
        var header = output.GetSpan(SocketIoPacketWriter.HeaderLength(nsp) + 1);
        var w = SocketIoPacketWriter.WriteHeader(header, type, nsp, ackId, AttachmentCount);
        header[w++] = (byte)'[';
        output.Advance(w);
        if (!JsonStringify.Normalize(_scratch.WrittenSpan, output))
        {
            throw new ArgumentException("A raw argument is not valid JSON.");
        }

        output.GetSpan(1)[0] = (byte)']';
        output.Advance(1);
    }

    /// <summary>Returns the pooled buffer.</summary>
    public void Dispose()
    {
        if (_scratch is { } scratch)
        {
            _scratch = null;
            JsonScratch.Return(scratch);
        }
    }

    private JsonScratch BeginArgument()
    {
        var scratch = _scratch ?? throw new ObjectDisposedException(nameof(SocketIoPacketBuilder));
        if (_hasContent)
        {
            scratch.Write(","u8);
        }

        _hasContent = true;
        scratch.BeginValue();
        return scratch;
    }
}
