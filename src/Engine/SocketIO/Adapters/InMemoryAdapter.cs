using SocketIo.Engine.SocketIO.Acks;
using SocketIo.Engine.SocketIO.Connections;
using SocketIo.Engine.SocketIO.Rooms;

namespace SocketIo.Engine.SocketIO.Adapters;

/// <summary>
/// The single-node adapter over a lock-free <see cref="RoomIndex{TMember}"/>: a broadcast walks the recipients
/// without taking a lock and hands each one the same <see cref="EncodedPacket"/> (nothing allocated per recipient).
/// </summary>
/// <remarks>
/// A socket's id room is its own room in the index (found through the namespace's socket map), so an idle socket
/// keeps no room object for it.
/// </remarks>
internal sealed class InMemoryAdapter(SocketIoNamespace ns) : SocketIoAdapter(ns)
{
    private readonly RoomIndex<SocketIoSocket> _index = new(id => ns.Sockets.TryGetValue(id, out var socket) ? socket.Membership : null);

    /// <summary>The room index (tests and benchmarks).</summary>
    internal RoomIndex<SocketIoSocket> Index => _index;

    public override void AddAll(SocketIoSocket socket, ReadOnlySpan<string> rooms)
    {
        // The connection's lock serializes the socket's joins and leaves: no lock of its own per socket.
        var membership = socket.Membership ??= _index.CreateMembership(socket, socket.Client.Gate, socket.Id);
        _index.Join(membership, rooms);
    }

    public override void Delete(SocketIoSocket socket, string room)
    {
        if (socket.Membership is { } membership)
            _index.Leave(membership, room);
    }

    public override void DeleteAll(SocketIoSocket socket)
    {
        if (socket.Membership is { } membership)
            _index.LeaveAll(membership);
    }

    public override IReadOnlySet<string> GetRooms(SocketIoSocket socket) =>
        socket.Membership is { } membership ? new HashSet<string>(_index.GetRooms(membership), StringComparer.Ordinal) : new HashSet<string>();

    public override int GetRoomSize(string room) => _index.GetRoomSize(room);

    public override int Broadcast(EncodedPacket packet, in BroadcastOptions options)
    {
        var visitor = new SendVisitor(packet, options.IsVolatile);
        _index.ForEachRecipient(options.Rooms, options.Except, ref visitor);
        return visitor.Flush();
    }

    public override int BroadcastWithAck(EncodedPacket packet, in BroadcastOptions options, BroadcastAckCollector collector)
    {
        var visitor = new AckVisitor(packet, collector, options.IsVolatile);
        _index.ForEachRecipient(options.Rooms, options.Except, ref visitor);
        return visitor.Sent;
    }

    public override ValueTask<IReadOnlyList<SocketIoRemoteSocket>> FetchSocketsAsync(BroadcastOptions options)
    {
        var sockets = Collect(in options);
        var result = new SocketIoRemoteSocket[sockets.Count];
        for (var i = 0; i < result.Length; i++)
            result[i] = new SocketIoRemoteSocket(sockets[i]);
        return ValueTask.FromResult<IReadOnlyList<SocketIoRemoteSocket>>(result);
    }

    public override void AddSockets(in BroadcastOptions options, string[] rooms)
    {
        foreach (var socket in Collect(in options))
            socket.Join(rooms);
    }

    public override void DeleteSockets(in BroadcastOptions options, string[] rooms)
    {
        foreach (var socket in Collect(in options))
        {
            foreach (var room in rooms)
                socket.Leave(room);
        }
    }

    public override void DisconnectSockets(in BroadcastOptions options, bool close)
    {
        foreach (var socket in Collect(in options))
            socket.Disconnect(close);
    }

    // Acting on a snapshot keeps the walk free of re-entrant joins and leaves.
    private List<SocketIoSocket> Collect(in BroadcastOptions options)
    {
        var visitor = new CollectVisitor(new List<SocketIoSocket>());
        _index.ForEachRecipient(options.Rooms, options.Except, ref visitor);
        return visitor.Sockets;
    }

    /// <summary>Delivers in batches (see <see cref="RecipientBatch"/>); call <see cref="Flush"/> after the walk.</summary>
    private struct SendVisitor(EncodedPacket packet, bool isVolatile) : IRoomVisitor<SocketIoSocket>
    {
        private RecipientBatch _batch;
        private int _sent;

        public void Visit(SocketIoSocket member)
        {
            if (_batch.Add(member))
                _sent += _batch.Deliver(packet, isVolatile);
        }

        /// <summary>Delivers the last, partial batch; returns the number of recipients that took the packet.</summary>
        public int Flush() => _sent + _batch.Deliver(packet, isVolatile);
    }

    private struct AckVisitor(EncodedPacket packet, BroadcastAckCollector collector, bool isVolatile) : IRoomVisitor<SocketIoSocket>
    {
        public int Sent;

        public void Visit(SocketIoSocket member)
        {
            if (isVolatile && !member.Client.Connection.IsWritable)
                return;
            if (!member.RegisterAck(packet.AckId, collector))
                return;
            collector.Expect(member);
            member.Deliver(packet, isVolatile: false);
            Sent++;
        }
    }

    private readonly struct CollectVisitor(List<SocketIoSocket> sockets) : IRoomVisitor<SocketIoSocket>
    {
        public List<SocketIoSocket> Sockets => sockets;

        public void Visit(SocketIoSocket member) => sockets.Add(member);
    }
}
