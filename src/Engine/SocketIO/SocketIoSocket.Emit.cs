using System.Runtime.CompilerServices;
using System.Text.Json.Serialization.Metadata;
using SocketIo.Engine.SocketIO.Acks;
using SocketIo.Engine.SocketIO.Adapters;
using SocketIo.Engine.SocketIO.Connections;
using SocketIo.Protocol.SocketIO;

namespace SocketIo.Engine.SocketIO;

public sealed partial class SocketIoSocket
{
    /// <summary>Emits an event to this client with arguments serialized by their runtime types. False when not sent.</summary>
    /// <exception cref="ArgumentException">The event name is reserved (<c>connect</c>, <c>disconnect</c>, ...).</exception>
    public bool Emit(string eventName, params object?[] args) => new SocketEmitter(this).Emit(eventName, args);

    /// <summary>Emits an event with one typed argument.</summary>
    public bool Emit<T>(string eventName, T value, JsonTypeInfo<T> typeInfo) => new SocketEmitter(this).Emit(eventName, value, typeInfo);

    /// <summary>Emits an event with raw JSON arguments (comma-separated, <c>JSON.stringify</c> form) and their attachments.</summary>
    public bool EmitRaw(string eventName, ReadOnlyMemory<byte> rawArguments, IReadOnlyList<ReadOnlyMemory<byte>>? attachments = null) =>
        new SocketEmitter(this).EmitRaw(eventName, rawArguments, attachments);

    /// <summary>Emits an event and calls <paramref name="ack"/> with the client's answer <c>(null, args)</c>.</summary>
    public bool Emit(string eventName, object?[] args, Action<Exception?, SocketIoMessage?> ack) =>
        new SocketEmitter(this).Emit(eventName, args, ack);

    /// <summary>Emits an event and waits for the client's answer (no timeout unless <see cref="Timeout"/> is used).</summary>
    public Task<SocketIoMessage> EmitWithAckAsync(string eventName, object?[] args, CancellationToken cancellationToken = default) =>
        new SocketEmitter(this).EmitWithAckAsync(eventName, args, cancellationToken);

    /// <summary>
    /// Emits an event and returns the first argument of the client's answer; throws <see cref="TimeoutException"/>
    /// ("operation has timed out") when none comes within <paramref name="timeout"/>.
    /// </summary>
    public Task<T?> EmitWithAckAsync<T>(string eventName, object?[] args, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        new SocketEmitter(this, BroadcastFlags.None, timeout).EmitWithAckAsync<T>(eventName, args, cancellationToken);

    /// <summary>Emits with an acknowledgement timeout: the ack callback or task fails with "operation has timed out".</summary>
    public SocketEmitter Timeout(TimeSpan timeout) => new SocketEmitter(this).Timeout(timeout);

    /// <summary>Emits that are dropped if the transport cannot take them right now.</summary>
    public SocketEmitter Volatile => new SocketEmitter(this).Volatile;

    /// <summary>Sets the per-message compression hint.</summary>
    public SocketEmitter Compress(bool compress) => new SocketEmitter(this).Compress(compress);

    /// <summary>Broadcasts to every socket of the namespace except this one.</summary>
    public BroadcastOperator Broadcast => new(Namespace, [], [Id], BroadcastFlags.None, null);

    /// <summary>Broadcasts to a room, leaving out this socket.</summary>
    public BroadcastOperator To(string room) => Broadcast.To(room);

    /// <summary>Broadcasts to several rooms (each recipient once), leaving out this socket.</summary>
    public BroadcastOperator To(params string[] rooms) => Broadcast.To(rooms);

    /// <summary>Same as <see cref="To(string)"/>.</summary>
    public BroadcastOperator In(string room) => To(room);

    /// <summary>Broadcasts to every socket except this one and the members of <paramref name="rooms"/>.</summary>
    public BroadcastOperator Except(params string[] rooms) => Broadcast.Except(rooms);

    internal bool EmitCore<TArgs>(string eventName, in TArgs args, BroadcastFlags flags, SingleAck? ack, TimeSpan? timeout, CancellationToken cancellationToken)
        where TArgs : struct, IEmitArguments
    {
        ArgumentNullException.ThrowIfNull(eventName);
        if (ReservedEventNames.IsReserved(eventName))
            throw new ArgumentException($"\"{eventName}\" is a reserved event name.", nameof(eventName));
        if (!Connected)
        {
            ack?.OnSocketDisconnected(this);
            return false;
        }

        var id = ack is null ? SocketIoPacket.NoAckId : Namespace.NextAckId();
        var packet = PacketEncoder.Event(Namespace.Name, Namespace.NameUtf8, eventName, in args, id, Namespace.Server.SerializerOptions);
        try
        {
            packet.Compress = (flags & BroadcastFlags.NoCompress) == 0;
            if (ack is not null)
            {
                if (!RegisterAck(id, ack))
                {
                    ack.OnSocketDisconnected(this);
                    return false;
                }

                ack.Start(this, id, timeout, cancellationToken);
            }

            return Deliver(packet, (flags & BroadcastFlags.Volatile) != 0);
        }
        finally
        {
            packet.Release();
        }
    }

    internal bool SendAck<TArgs>(long ackId, in TArgs args)
        where TArgs : struct, IEmitArguments
    {
        if (!Connected)
            return false;
        var packet = PacketEncoder.Ack(Namespace.Name, Namespace.NameUtf8, ackId, in args, Namespace.Server.SerializerOptions);
        try
        {
            return Client.Send(packet);
        }
        finally
        {
            packet.Release();
        }
    }

    /// <summary>
    /// Reads what <see cref="Deliver"/> reads first in this socket (so a broadcast can load many recipients' sockets at
    /// once, see <see cref="RecipientBatch"/>) and returns the client, the next object a send walks through.
    /// </summary>
    internal SocketIoClient WarmSendPath()
    {
        _ = HasOutgoingListeners;
        return Client;
    }

    /// <summary>Hands an encoded packet to this socket's connection (the per-recipient step of every emit and broadcast).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal bool Deliver(EncodedPacket packet, bool isVolatile)
    {
        if (isVolatile && !Client.Connection.IsWritable)
            return false;
        if (HasOutgoingListeners)
            NotifyOutgoing(packet);
        return Client.Send(packet);
    }
}
