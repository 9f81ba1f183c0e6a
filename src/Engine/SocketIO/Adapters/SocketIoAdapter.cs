using SocketIo.Engine.SocketIO.Acks;
using SocketIo.Engine.SocketIO.Connections;

namespace SocketIo.Engine.SocketIO.Adapters;

/// <summary>
/// Every room operation and broadcast of one namespace goes through its adapter (the reference's
/// <c>socket.io-adapter</c>). <see cref="InMemoryAdapter"/> is the single-node default; a cluster adapter (for example
/// one speaking <c>@socket.io/redis-adapter</c>'s format) wraps it: it does the local work through the in-memory
/// methods and forwards <see cref="Broadcast"/>, the socket utilities and <see cref="ServerSideEmit"/> to the other
/// nodes unless <see cref="BroadcastFlags.Local"/> is set. <see cref="EncodedPacket"/> keeps the packet's type,
/// namespace, ack id, JSON payload and attachments so such an adapter can re-encode it for the wire.
/// </summary>
/// <remarks>Thread safety: every member may be called from any thread.</remarks>
internal abstract class SocketIoAdapter(SocketIoNamespace ns)
{
    /// <summary>The namespace this adapter serves.</summary>
    public SocketIoNamespace Namespace { get; } = ns;

    /// <summary>Adds a socket to rooms (the reference's <c>addAll</c>); the first call is its own id room.</summary>
    public abstract void AddAll(SocketIoSocket socket, ReadOnlySpan<string> rooms);

    /// <summary>Removes a socket from a room (<c>del</c>).</summary>
    public abstract void Delete(SocketIoSocket socket, string room);

    /// <summary>Removes a socket from every room (<c>delAll</c>), on disconnect.</summary>
    public abstract void DeleteAll(SocketIoSocket socket);

    /// <summary>A snapshot of a socket's rooms (<c>socketRooms</c>).</summary>
    public abstract IReadOnlySet<string> GetRooms(SocketIoSocket socket);

    /// <summary>Sends <paramref name="packet"/> to every recipient once (<c>broadcast</c>). Returns the number of recipients sent to.</summary>
    public abstract int Broadcast(EncodedPacket packet, in BroadcastOptions options);

    /// <summary>
    /// Like <see cref="Broadcast"/>, but registers <paramref name="collector"/> under the packet's ack id on each
    /// recipient before sending to it (<c>broadcastWithAck</c>). Returns the number of recipients.
    /// </summary>
    public abstract int BroadcastWithAck(EncodedPacket packet, in BroadcastOptions options, BroadcastAckCollector collector);

    /// <summary>The sockets matching <paramref name="options"/> (<c>fetchSockets</c>).</summary>
    public abstract ValueTask<IReadOnlyList<SocketIoRemoteSocket>> FetchSocketsAsync(BroadcastOptions options);

    /// <summary>Makes the matching sockets join <paramref name="rooms"/> (<c>addSockets</c>).</summary>
    public abstract void AddSockets(in BroadcastOptions options, string[] rooms);

    /// <summary>Makes the matching sockets leave <paramref name="rooms"/> (<c>delSockets</c>).</summary>
    public abstract void DeleteSockets(in BroadcastOptions options, string[] rooms);

    /// <summary>Disconnects the matching sockets (<c>disconnectSockets</c>).</summary>
    public abstract void DisconnectSockets(in BroadcastOptions options, bool close);

    /// <summary>Sends an event to the other server nodes (<c>serverSideEmit</c>); a single node has none.</summary>
    public virtual void ServerSideEmit(EncodedPacket packet)
    {
    }

    /// <summary>Number of sockets in a room.</summary>
    public abstract int GetRoomSize(string room);
}
