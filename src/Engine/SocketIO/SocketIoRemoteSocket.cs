namespace SocketIo.Engine.SocketIO;

/// <summary>
/// A socket returned by <c>FetchSocketsAsync</c>: a snapshot of its id, handshake, rooms and data, and the few
/// operations that also work across server nodes (the reference's <c>RemoteSocket</c>). On a single node every one
/// is local.
/// </summary>
public sealed class SocketIoRemoteSocket
{
    private readonly SocketIoSocket _socket;

    internal SocketIoRemoteSocket(SocketIoSocket socket)
    {
        _socket = socket;
        Rooms = socket.Rooms;
    }

    /// <summary>The socket id.</summary>
    public string Id => _socket.Id;

    /// <summary>The socket's handshake.</summary>
    public SocketIoHandshake Handshake => _socket.Handshake;

    /// <summary>The socket's rooms when it was fetched.</summary>
    public IReadOnlySet<string> Rooms { get; }

    /// <summary>The socket's application data.</summary>
    public object? Data => _socket.Data;

    /// <summary>Emits to this socket; see <see cref="SocketIoSocket.Emit(string, object?[])"/>.</summary>
    public bool Emit(string eventName, params object?[] args) => _socket.Emit(eventName, args);

    /// <summary>Joins rooms.</summary>
    public void Join(params string[] rooms) => _socket.Join(rooms);

    /// <summary>Leaves a room.</summary>
    public void Leave(string room) => _socket.Leave(room);

    /// <summary>Disconnects the socket; see <see cref="SocketIoSocket.Disconnect"/>.</summary>
    public void Disconnect(bool close = false) => _socket.Disconnect(close);
}
