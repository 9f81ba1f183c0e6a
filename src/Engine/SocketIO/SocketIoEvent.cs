using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using SocketIo.Engine.SocketIO.Connections;
using SocketIo.Protocol.SocketIO;

namespace SocketIo.Engine.SocketIO;

/// <summary>
/// A received event: its name, its arguments, the socket it came from and, when the client asked for one, the
/// acknowledgement callback (only the first <c>Ack</c> call is sent; later calls are ignored).
/// </summary>
public sealed class SocketIoEvent : SocketIoMessage
{
    private long _ackId;
    private int _acked;

    internal SocketIoEvent(SocketIoSocket socket, string eventName, long ackId, byte[] payload,
        IReadOnlyList<ReadOnlyMemory<byte>>? attachments, JsonSerializerOptions options)
        : base(payload, skipFirst: true, attachments, options)
    {
        Socket = socket;
        EventName = eventName;
        _ackId = ackId;
    }

    /// <summary>The socket the event came from.</summary>
    public SocketIoSocket Socket { get; }

    /// <summary>The event name.</summary>
    public string EventName { get; private set; }

    /// <summary>Makes this event the next one received (see <see cref="SocketIoServerOptions.ReuseEvents"/>).</summary>
    internal void Reuse(string eventName, long ackId, ReadOnlySpan<byte> payload, IReadOnlyList<ReadOnlyMemory<byte>>? attachments)
    {
        EventName = eventName;
        _ackId = ackId;
        Volatile.Write(ref _acked, 0);
        Reset(payload, attachments);
    }

    /// <summary>True when the client waits for an acknowledgement.</summary>
    public bool HasAck => _ackId != SocketIoPacket.NoAckId;

    /// <summary>True once an acknowledgement was sent (or when none was asked for).</summary>
    public bool IsAcknowledged => !HasAck || Volatile.Read(ref _acked) != 0;

    /// <summary>Acknowledges with arguments serialized by their runtime types. Returns false if not sent.</summary>
    public bool Ack(params object?[] args)
    {
        var arguments = new ObjectArguments(args);
        return TryClaim() && Socket.SendAck(_ackId, in arguments);
    }

    /// <summary>Acknowledges with one typed argument.</summary>
    public bool Ack<T>(T value, JsonTypeInfo<T> typeInfo)
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        var arguments = new TypedArgument<T>(value, typeInfo);
        return TryClaim() && Socket.SendAck(_ackId, in arguments);
    }

    /// <summary>Acknowledges with raw JSON arguments (comma-separated) whose placeholders refer to <paramref name="attachments"/>.</summary>
    public bool AckRaw(ReadOnlyMemory<byte> rawArguments, IReadOnlyList<ReadOnlyMemory<byte>>? attachments = null)
    {
        var arguments = new RawArguments(rawArguments, attachments);
        return TryClaim() && Socket.SendAck(_ackId, in arguments);
    }

    private bool TryClaim() => HasAck && Interlocked.Exchange(ref _acked, 1) == 0;
}
