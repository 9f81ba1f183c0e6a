using System.Text.Json.Serialization.Metadata;
using SocketIo.Engine.SocketIO.Acks;
using SocketIo.Engine.SocketIO.Adapters;
using SocketIo.Engine.SocketIO.Connections;

namespace SocketIo.Engine.SocketIO;

/// <summary>
/// Emits to one socket with flags (<see cref="Volatile"/>, <see cref="Compress"/>) and an acknowledgement
/// <see cref="Timeout"/>. A value: chain it, e.g. <c>socket.Timeout(TimeSpan.FromSeconds(2)).Emit("ask", ["q"], callback)</c>.
/// </summary>
public readonly struct SocketEmitter
{
    private readonly SocketIoSocket _socket;
    private readonly BroadcastFlags _flags;
    private readonly TimeSpan? _timeout;

    internal SocketEmitter(SocketIoSocket socket, BroadcastFlags flags = BroadcastFlags.None, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(socket);
        _socket = socket;
        _flags = flags;
        _timeout = timeout;
    }

    /// <summary>Drops the packet if the transport cannot take it right now.</summary>
    public SocketEmitter Volatile => new(_socket, _flags | BroadcastFlags.Volatile, _timeout);

    /// <summary>Sets the compression hint.</summary>
    public SocketEmitter Compress(bool compress) =>
        new(_socket, compress ? _flags & ~BroadcastFlags.NoCompress : _flags | BroadcastFlags.NoCompress, _timeout);

    /// <summary>Fails the acknowledgement with "operation has timed out" after <paramref name="timeout"/>.</summary>
    public SocketEmitter Timeout(TimeSpan timeout)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(timeout, TimeSpan.Zero);
        return new(_socket, _flags, timeout);
    }

    /// <summary>Emits with arguments serialized by their runtime types. False when not sent (disconnected, volatile drop).</summary>
    public bool Emit(string eventName, params object?[] args)
    {
        var arguments = new ObjectArguments(args);
        return _socket.EmitCore(eventName, in arguments, _flags, null, null, default);
    }

    /// <summary>Emits one typed argument.</summary>
    public bool Emit<T>(string eventName, T value, JsonTypeInfo<T> typeInfo)
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        var arguments = new TypedArgument<T>(value, typeInfo);
        return _socket.EmitCore(eventName, in arguments, _flags, null, null, default);
    }

    /// <summary>Emits raw JSON arguments (comma-separated, <c>JSON.stringify</c> form) whose placeholders refer to <paramref name="attachments"/>.</summary>
    public bool EmitRaw(string eventName, ReadOnlyMemory<byte> rawArguments, IReadOnlyList<ReadOnlyMemory<byte>>? attachments = null)
    {
        var arguments = new RawArguments(rawArguments, attachments);
        return _socket.EmitCore(eventName, in arguments, _flags, null, null, default);
    }

    /// <summary>
    /// Emits and calls <paramref name="ack"/> once: <c>(null, args)</c> with the client's answer, or
    /// <c>(TimeoutException, null)</c> after the <see cref="Timeout"/>. Dropped silently if the socket disconnects first.
    /// </summary>
    public bool Emit(string eventName, object?[] args, Action<Exception?, SocketIoMessage?> ack)
    {
        ArgumentNullException.ThrowIfNull(ack);
        var arguments = new ObjectArguments(args);
        return _socket.EmitCore(eventName, in arguments, _flags, SingleAck.ForCallback(ack), _timeout, default);
    }

    /// <summary>
    /// Emits and waits for the client's answer. Throws <see cref="TimeoutException"/> after the <see cref="Timeout"/>,
    /// <see cref="InvalidOperationException"/> when the socket disconnects first.
    /// </summary>
    public Task<SocketIoMessage> EmitWithAckAsync(string eventName, object?[] args, CancellationToken cancellationToken = default)
    {
        var arguments = new ObjectArguments(args);
        var ack = SingleAck.ForTask();
        _socket.EmitCore(eventName, in arguments, _flags, ack, _timeout, cancellationToken);
        return ack.Task!;
    }

    /// <summary>
    /// Emits raw JSON arguments (see <see cref="EmitRaw"/>) and waits for the client's answer, like
    /// <see cref="EmitWithAckAsync(string, object?[], CancellationToken)"/>: forwards received arguments, binary
    /// included, and asks for an acknowledgement without re-serializing them.
    /// </summary>
    public Task<SocketIoMessage> EmitRawWithAckAsync(string eventName, ReadOnlyMemory<byte> rawArguments, IReadOnlyList<ReadOnlyMemory<byte>>? attachments = null, CancellationToken cancellationToken = default)
    {
        var arguments = new RawArguments(rawArguments, attachments);
        var ack = SingleAck.ForTask();
        _socket.EmitCore(eventName, in arguments, _flags, ack, _timeout, cancellationToken);
        return ack.Task!;
    }

    /// <summary>Like <see cref="EmitWithAckAsync(string, object?[], CancellationToken)"/>, returning the answer's first argument.</summary>
    public async Task<T?> EmitWithAckAsync<T>(string eventName, object?[] args, CancellationToken cancellationToken = default)
    {
        var answer = await EmitWithAckAsync(eventName, args, cancellationToken).ConfigureAwait(false);
        return answer.Count > 0 ? answer.GetArgument<T>(0) : default;
    }

    /// <summary>Like <see cref="EmitWithAckAsync{T}(string, object?[], CancellationToken)"/>, reading the answer with <paramref name="resultType"/>.</summary>
    public async Task<T?> EmitWithAckAsync<T>(string eventName, object?[] args, JsonTypeInfo<T> resultType, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(resultType);
        var answer = await EmitWithAckAsync(eventName, args, cancellationToken).ConfigureAwait(false);
        return answer.Count > 0 ? answer.GetArgument(0, resultType) : default;
    }
}
