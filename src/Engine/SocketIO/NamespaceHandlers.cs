namespace SocketIo.Engine.SocketIO;

/// <summary>
/// The middlewares and connection handlers of a namespace; shared (live) between a dynamic parent namespace and the
/// children it creates. Copy-on-write arrays: registration locks, running never does.
/// </summary>
internal sealed class NamespaceHandlers
{
    private readonly Lock _gate = new();
    private Func<SocketIoSocket, ValueTask>[] _middlewares = [];
    private Func<SocketIoSocket, ValueTask>[] _connection = [];

    public Func<SocketIoSocket, ValueTask>[] Middlewares => Volatile.Read(ref _middlewares);

    public Func<SocketIoSocket, ValueTask>[] Connection => Volatile.Read(ref _connection);

    public void AddMiddleware(Func<SocketIoSocket, ValueTask> middleware)
    {
        lock (_gate)
            Volatile.Write(ref _middlewares, [.. _middlewares, middleware]);
    }

    public void AddConnection(Func<SocketIoSocket, ValueTask> handler)
    {
        lock (_gate)
            Volatile.Write(ref _connection, [.. _connection, handler]);
    }
}
