using System.Security.Cryptography;
using System.Text.Json;
using SocketIo.Engine.SocketIO.Acks;
using SocketIo.Engine.SocketIO.Connections;
using SocketIo.Engine.SocketIO.Rooms;

namespace SocketIo.Engine.SocketIO;

/// <summary>
/// One client's connection to one namespace (the reference's <c>Socket</c>). Several sockets (one per namespace)
/// share one Engine.IO connection. Its id is random and differs from the Engine.IO session id.
/// </summary>
/// <remarks>
/// Thread safety: every member may be called from any thread. Incoming events of one connection are dispatched in
/// order on the connection's receive thread; asynchronous handlers continue wherever their awaits resume.
/// </remarks>
public sealed partial class SocketIoSocket
{
    private const int StateConnecting = 0;
    private const int StateConnected = 1;
    private const int StateClosing = 2;
    private const int StateClosed = 3;

    private readonly JsonElement _auth;
    private SocketIoHandshake? _handshake;
    private Dictionary<long, IAckHandler>? _acks;
    private int _state;

    internal SocketIoSocket(SocketIoNamespace ns, SocketIoClient client, JsonElement auth)
    {
        Namespace = ns;
        Client = client;
        _auth = auth;
        Id = NewId();
    }

    /// <summary>The socket id: 20 random URL-safe characters, also the name of the room the socket sits in.</summary>
    public string Id { get; }

    /// <summary>The namespace this socket belongs to.</summary>
    public SocketIoNamespace Namespace { get; }

    /// <summary>The handshake: headers, query, auth payload, address, time.</summary>
    /// <remarks>Created on first access: an idle socket keeps only its auth payload.</remarks>
    public SocketIoHandshake Handshake => System.Threading.Volatile.Read(ref _handshake) ?? CreateHandshake();

    /// <summary>Application state for this socket (the reference's <c>socket.data</c>); also visible to <c>FetchSocketsAsync</c>.</summary>
    public object? Data { get; set; }

    /// <summary>True from the CONNECT reply until the socket starts disconnecting.</summary>
    public bool Connected => System.Threading.Volatile.Read(ref _state) == StateConnected;

    /// <summary>A snapshot of the rooms this socket is in (its own id room included); still complete in <c>disconnecting</c>.</summary>
    public IReadOnlySet<string> Rooms => Namespace.Adapter.GetRooms(this);

    /// <summary>The Engine.IO connection's id (the reference's <c>socket.conn.id</c>).</summary>
    public string ConnectionId => Client.Connection.Id;

    internal SocketIoClient Client { get; }

    /// <summary>The socket's record in the in-memory room index (owned by <see cref="Adapters.InMemoryAdapter"/>).</summary>
    internal RoomMembership<SocketIoSocket>? Membership { get; set; }

    /// <summary>Joins a room.</summary>
    public void Join(string room)
    {
        ArgumentNullException.ThrowIfNull(room);
        Join([room]);
    }

    /// <summary>Joins several rooms.</summary>
    public void Join(params ReadOnlySpan<string> rooms)
    {
        if (System.Threading.Volatile.Read(ref _state) >= StateClosing)
            return;
        Namespace.Adapter.AddAll(this, rooms);
    }

    /// <summary>Leaves a room (an empty room disappears).</summary>
    public void Leave(string room)
    {
        ArgumentNullException.ThrowIfNull(room);
        Namespace.Adapter.Delete(this, room);
    }

    /// <summary>
    /// Disconnects this socket: sends DISCONNECT for its namespace (reason <c>server namespace disconnect</c>) and keeps
    /// the connection open; with <paramref name="close"/>, disconnects every socket of the connection and closes it.
    /// </summary>
    public void Disconnect(bool close = false)
    {
        if (!Connected)
            return;
        if (close)
        {
            Client.DisconnectAllAndClose();
            return;
        }

        SendDisconnectPacket();
        OnClose(SocketIoDisconnectReason.ServerNamespaceDisconnect);
    }

    /// <inheritdoc />
    public override string ToString() => $"{Namespace.Name}#{Id}";

    internal void SendDisconnectPacket()
    {
        var packet = PacketEncoder.Disconnect(Namespace.Name, Namespace.NameUtf8);
        try
        {
            Client.Send(packet);
        }
        finally
        {
            packet.Release();
        }
    }

    /// <summary>Marks the socket connected (after its id room was joined, before the CONNECT reply).</summary>
    internal bool MarkConnected() => Interlocked.CompareExchange(ref _state, StateConnected, StateConnecting) == StateConnecting;

    /// <summary>
    /// Disconnects with <paramref name="reason"/>, once: <c>disconnecting</c> (rooms still present), pending acks
    /// dropped, rooms left, removed from namespace and connection, then <c>disconnect</c>.
    /// </summary>
    internal void OnClose(string reason)
    {
        if (Interlocked.CompareExchange(ref _state, StateClosing, StateConnected) != StateConnected)
            return;
        RaiseDisconnecting(reason);
        DropAcks();
        Namespace.Adapter.DeleteAll(this);
        Namespace.Remove(this);
        Client.Remove(this);
        System.Threading.Volatile.Write(ref _state, StateClosed);
        RaiseDisconnect(reason);
    }

    internal bool RegisterAck(long id, IAckHandler handler)
    {
        lock (Client.Gate)
        {
            if (_state >= StateClosing)
                return false;
            (_acks ??= [])[id] = handler;
            return true;
        }
    }

    internal void RemoveAck(long id, IAckHandler handler)
    {
        lock (Client.Gate)
        {
            if (_acks is not null && _acks.TryGetValue(id, out var current) && ReferenceEquals(current, handler))
                _acks.Remove(id);
        }
    }

    private IAckHandler? TakeAck(long id)
    {
        lock (Client.Gate)
            return _acks is not null && _acks.Remove(id, out var handler) ? handler : null;
    }

    private void DropAcks()
    {
        Dictionary<long, IAckHandler>? acks;
        lock (Client.Gate)
        {
            acks = _acks;
            _acks = null;
        }

        if (acks is null)
            return;
        foreach (var handler in acks.Values)
            handler.OnSocketDisconnected(this);
    }

    private SocketIoHandshake CreateHandshake()
    {
        var created = new SocketIoHandshake(Client.Connection.Handshake, _auth);
        return Interlocked.CompareExchange(ref _handshake, created, null) ?? created;
    }

    private static string NewId()
    {
        // 15 random bytes are exactly 20 base64url characters, like the reference's base64id.
        Span<byte> bytes = stackalloc byte[15];
        RandomNumberGenerator.Fill(bytes);
        return System.Buffers.Text.Base64Url.EncodeToString(bytes);
    }
}
