using System.Text.Json.Serialization.Metadata;
using SocketIo.Engine.SocketIO.Acks;
using SocketIo.Engine.SocketIO.Adapters;
using SocketIo.Engine.SocketIO.Connections;
using SocketIo.Protocol.SocketIO;

namespace SocketIo.Engine.SocketIO;

/// <summary>
/// A broadcast being described (the reference's <c>BroadcastOperator</c>): target rooms (<see cref="To(string)"/>,
/// every socket when none), excluded rooms (<see cref="Except"/>), flags, and an acknowledgement timeout. A value:
/// each call returns a new operator. The packet is encoded once and handed to every recipient by reference.
/// </summary>
public readonly struct BroadcastOperator
{
    private readonly SocketIoNamespace _namespace;
    private readonly string[] _rooms;
    private readonly string[] _except;
    private readonly BroadcastFlags _flags;
    private readonly TimeSpan? _timeout;

    internal BroadcastOperator(SocketIoNamespace ns, string[] rooms, string[] except, BroadcastFlags flags, TimeSpan? timeout)
    {
        ArgumentNullException.ThrowIfNull(ns);
        _namespace = ns;
        _rooms = rooms;
        _except = except;
        _flags = flags;
        _timeout = timeout;
    }

    /// <summary>Adds a target room.</summary>
    public BroadcastOperator To(string room)
    {
        ArgumentNullException.ThrowIfNull(room);
        return new(_namespace, [.. _rooms, room], _except, _flags, _timeout);
    }

    /// <summary>Adds target rooms (a socket in several of them still gets the packet once).</summary>
    public BroadcastOperator To(params string[] rooms)
    {
        ArgumentNullException.ThrowIfNull(rooms);
        return new(_namespace, [.. _rooms, .. rooms], _except, _flags, _timeout);
    }

    /// <summary>Same as <see cref="To(string)"/>.</summary>
    public BroadcastOperator In(string room) => To(room);

    /// <summary>Same as <see cref="To(string[])"/>.</summary>
    public BroadcastOperator In(params string[] rooms) => To(rooms);

    /// <summary>Leaves out the members of <paramref name="rooms"/>.</summary>
    public BroadcastOperator Except(params string[] rooms)
    {
        ArgumentNullException.ThrowIfNull(rooms);
        return new(_namespace, _rooms, [.. _except, .. rooms], _flags, _timeout);
    }

    /// <summary>Drops the packet for recipients whose transport cannot take it right now.</summary>
    public BroadcastOperator Volatile => new(_namespace, _rooms, _except, _flags | BroadcastFlags.Volatile, _timeout);

    /// <summary>Does not forward the broadcast to other server nodes.</summary>
    public BroadcastOperator Local => new(_namespace, _rooms, _except, _flags | BroadcastFlags.Local, _timeout);

    /// <summary>Sets the compression hint.</summary>
    public BroadcastOperator Compress(bool compress) =>
        new(_namespace, _rooms, _except, compress ? _flags & ~BroadcastFlags.NoCompress : _flags | BroadcastFlags.NoCompress, _timeout);

    /// <summary>Sets the acknowledgement timeout of <see cref="EmitWithAckAsync"/>.</summary>
    public BroadcastOperator Timeout(TimeSpan timeout)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(timeout, TimeSpan.Zero);
        return new(_namespace, _rooms, _except, _flags, timeout);
    }

    internal BroadcastOptions Options => new(_rooms, _except, _flags);

    /// <summary>Emits to every recipient, arguments serialized once by their runtime types. Returns the number of recipients.</summary>
    /// <exception cref="ArgumentException">The event name is reserved.</exception>
    public int Emit(string eventName, params object?[] args)
    {
        var arguments = new ObjectArguments(args);
        return EmitCore(eventName, in arguments);
    }

    /// <summary>Emits one typed argument to every recipient.</summary>
    public int Emit<T>(string eventName, T value, JsonTypeInfo<T> typeInfo)
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        var arguments = new TypedArgument<T>(value, typeInfo);
        return EmitCore(eventName, in arguments);
    }

    /// <summary>Emits raw JSON arguments (comma-separated, <c>JSON.stringify</c> form) and their attachments to every recipient.</summary>
    public int EmitRaw(string eventName, ReadOnlyMemory<byte> rawArguments, IReadOnlyList<ReadOnlyMemory<byte>>? attachments = null)
    {
        var arguments = new RawArguments(rawArguments, attachments);
        return EmitCore(eventName, in arguments);
    }

    /// <summary>
    /// Emits with one ack id for every recipient and collects each answer. Completes when everyone answered, or at
    /// the <see cref="Timeout"/> with the missing sockets in <see cref="BroadcastAckResult.TimedOut"/>; at once with
    /// no recipients.
    /// </summary>
    public async Task<BroadcastAckResult> EmitWithAckAsync(string eventName, object?[] args, CancellationToken cancellationToken = default)
    {
        var targets = _namespace.BroadcastTargets;
        if (targets.Length == 1)
            return await EmitWithAckCore(targets[0], eventName, args, cancellationToken).ConfigureAwait(false);
        var results = new Task<BroadcastAckResult>[targets.Length];
        for (var i = 0; i < targets.Length; i++)
            results[i] = EmitWithAckCore(targets[i], eventName, args, cancellationToken);
        await Task.WhenAll(results).ConfigureAwait(false);
        return new BroadcastAckResult(
            [.. results.SelectMany(static r => r.Result.Responses)],
            [.. results.SelectMany(static r => r.Result.TimedOut)]);
    }

    /// <summary>The matching sockets (on every node, with a cluster adapter).</summary>
    public async Task<IReadOnlyList<SocketIoRemoteSocket>> FetchSocketsAsync()
    {
        var found = new List<SocketIoRemoteSocket>();
        foreach (var target in _namespace.BroadcastTargets)
            found.AddRange(await target.Adapter.FetchSocketsAsync(Options).ConfigureAwait(false));
        return found;
    }

    /// <summary>Makes the matching sockets join <paramref name="rooms"/>.</summary>
    public void SocketsJoin(params string[] rooms)
    {
        foreach (var target in _namespace.BroadcastTargets)
            target.Adapter.AddSockets(Options, rooms);
    }

    /// <summary>Makes the matching sockets leave <paramref name="rooms"/>.</summary>
    public void SocketsLeave(params string[] rooms)
    {
        foreach (var target in _namespace.BroadcastTargets)
            target.Adapter.DeleteSockets(Options, rooms);
    }

    /// <summary>Disconnects the matching sockets; with <paramref name="close"/>, closes their connections too.</summary>
    public void DisconnectSockets(bool close = false)
    {
        foreach (var target in _namespace.BroadcastTargets)
            target.Adapter.DisconnectSockets(Options, close);
    }

    private int EmitCore<TArgs>(string eventName, in TArgs args)
        where TArgs : struct, IEmitArguments
    {
        CheckEventName(eventName);
        var sent = 0;
        foreach (var target in _namespace.BroadcastTargets)
        {
            var packet = PacketEncoder.Event(target.Name, target.NameUtf8, eventName, in args, SocketIoPacket.NoAckId, target.Server.SerializerOptions);
            try
            {
                packet.Compress = (_flags & BroadcastFlags.NoCompress) == 0;
                sent += target.Adapter.Broadcast(packet, Options);
            }
            finally
            {
                packet.Release();
            }
        }

        return sent;
    }

    private Task<BroadcastAckResult> EmitWithAckCore(SocketIoNamespace target, string eventName, object?[] args, CancellationToken cancellationToken)
    {
        CheckEventName(eventName);
        var arguments = new ObjectArguments(args);
        var collector = new BroadcastAckCollector { Id = target.NextAckId() };
        var packet = PacketEncoder.Event(target.Name, target.NameUtf8, eventName, in arguments, collector.Id, target.Server.SerializerOptions);
        try
        {
            packet.Compress = (_flags & BroadcastFlags.NoCompress) == 0;
            target.Adapter.BroadcastWithAck(packet, Options, collector);
        }
        finally
        {
            packet.Release();
        }

        collector.Seal(target.Server.Wheel, _timeout, cancellationToken);
        return collector.Task;
    }

    private static void CheckEventName(string eventName)
    {
        ArgumentNullException.ThrowIfNull(eventName);
        if (ReservedEventNames.IsReserved(eventName))
            throw new ArgumentException($"\"{eventName}\" is a reserved event name.", nameof(eventName));
    }
}
