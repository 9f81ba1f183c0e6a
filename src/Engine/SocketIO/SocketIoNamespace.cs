using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using SocketIo.Engine.SocketIO.Adapters;
using SocketIo.Engine.SocketIO.Connections;

namespace SocketIo.Engine.SocketIO;

/// <summary>
/// A namespace (<c>/</c>, <c>/admin</c>, ...): its middlewares, connection handlers, sockets and rooms, and the
/// broadcast operators over them. A dynamic (parent) namespace, made by <see cref="SocketIoServer.Of(Func{string, JsonElement, bool})"/>,
/// creates a child namespace per matching name; its middlewares and handlers apply to every child, and its
/// broadcasts reach every child.
/// </summary>
public sealed class SocketIoNamespace
{
    private readonly ConcurrentDictionary<string, SocketIoSocket> _sockets = new(StringComparer.Ordinal);
    private readonly NamespaceHandlers _handlers;
    private readonly Func<string, JsonElement, bool>? _matcher;
    private readonly SocketIoNamespace[] _self;
    private SocketIoNamespace[] _children = [];
    private long _ackId = -1;

    internal SocketIoNamespace(SocketIoServer server, string name, NamespaceHandlers handlers, Func<string, JsonElement, bool>? matcher)
    {
        Server = server;
        Name = name;
        NameUtf8 = Encoding.UTF8.GetBytes(name);
        _handlers = handlers;
        _matcher = matcher;
        _self = [this];
        Adapter = server.AdapterFactory(this);
    }

    /// <summary>The namespace name, e.g. <c>/</c> or <c>/admin</c>.</summary>
    public string Name { get; }

    /// <summary>The server.</summary>
    public SocketIoServer Server { get; }

    /// <summary>The connected sockets of this namespace, by id.</summary>
    public IReadOnlyDictionary<string, SocketIoSocket> Sockets => _sockets;

    /// <summary>True for a dynamic namespace pattern (it has no sockets of its own, only children).</summary>
    public bool IsDynamic => _matcher is not null;

    internal byte[] NameUtf8 { get; }

    internal SocketIoAdapter Adapter { get; }

    /// <summary>The namespaces a broadcast on this one reaches: itself, or a dynamic parent's children.</summary>
    internal SocketIoNamespace[] BroadcastTargets => _matcher is null ? _self : System.Threading.Volatile.Read(ref _children);

    /// <summary>
    /// Adds a middleware, run in order for every connection attempt before it is accepted. Throw (ideally
    /// <see cref="SocketIoConnectException"/>) to refuse with CONNECT_ERROR; the connection itself stays open.
    /// </summary>
    public SocketIoNamespace Use(Func<SocketIoSocket, ValueTask> middleware)
    {
        ArgumentNullException.ThrowIfNull(middleware);
        _handlers.AddMiddleware(middleware);
        return this;
    }

    /// <summary>Adds a synchronous middleware; see <see cref="Use(Func{SocketIoSocket, ValueTask})"/>.</summary>
    public SocketIoNamespace Use(Action<SocketIoSocket> middleware)
    {
        ArgumentNullException.ThrowIfNull(middleware);
        return Use(socket =>
        {
            middleware(socket);
            return default;
        });
    }

    /// <summary>Adds a connection handler, called after the CONNECT reply was sent (events it emits follow the reply).</summary>
    public SocketIoNamespace OnConnection(Action<SocketIoSocket> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return OnConnection(socket =>
        {
            handler(socket);
            return default;
        });
    }

    /// <summary>Adds an asynchronous connection handler; exceptions are logged.</summary>
    public SocketIoNamespace OnConnection(Func<SocketIoSocket, ValueTask> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        _handlers.AddConnection(handler);
        return this;
    }

    /// <summary>Broadcasts to a room.</summary>
    public BroadcastOperator To(string room) => All.To(room);

    /// <summary>Broadcasts to several rooms.</summary>
    public BroadcastOperator To(params string[] rooms) => All.To(rooms);

    /// <summary>Same as <see cref="To(string)"/>.</summary>
    public BroadcastOperator In(string room) => All.To(room);

    /// <summary>Broadcasts to everyone except the members of <paramref name="rooms"/>.</summary>
    public BroadcastOperator Except(params string[] rooms) => All.Except(rooms);

    /// <summary>A volatile broadcast to everyone.</summary>
    public BroadcastOperator Volatile => All.Volatile;

    /// <summary>A broadcast that is not forwarded to other nodes.</summary>
    public BroadcastOperator Local => All.Local;

    /// <summary>A broadcast with a compression hint.</summary>
    public BroadcastOperator Compress(bool compress) => All.Compress(compress);

    /// <summary>A broadcast with an acknowledgement timeout.</summary>
    public BroadcastOperator Timeout(TimeSpan timeout) => All.Timeout(timeout);

    /// <summary>Emits to every socket of the namespace. Returns the number of recipients.</summary>
    public int Emit(string eventName, params object?[] args) => All.Emit(eventName, args);

    /// <summary>Emits one typed argument to every socket of the namespace.</summary>
    public int Emit<T>(string eventName, T value, JsonTypeInfo<T> typeInfo) => All.Emit(eventName, value, typeInfo);

    /// <summary>Emits raw JSON arguments to every socket of the namespace.</summary>
    public int EmitRaw(string eventName, ReadOnlyMemory<byte> rawArguments, IReadOnlyList<ReadOnlyMemory<byte>>? attachments = null) =>
        All.EmitRaw(eventName, rawArguments, attachments);

    /// <summary>Every socket of the namespace.</summary>
    public Task<IReadOnlyList<SocketIoRemoteSocket>> FetchSocketsAsync() => All.FetchSocketsAsync();

    /// <summary>Makes every socket join <paramref name="rooms"/>.</summary>
    public void SocketsJoin(params string[] rooms) => All.SocketsJoin(rooms);

    /// <summary>Makes every socket leave <paramref name="rooms"/>.</summary>
    public void SocketsLeave(params string[] rooms) => All.SocketsLeave(rooms);

    /// <summary>Disconnects every socket; with <paramref name="close"/>, closes their connections.</summary>
    public void DisconnectSockets(bool close = false) => All.DisconnectSockets(close);

    private BroadcastOperator All => new(this, [], [], BroadcastFlags.None, null);

    /// <summary>The next ack id: one counter per namespace shared by its sockets, starting at 0 (PROTOCOL.md 2.9).</summary>
    internal long NextAckId() => Interlocked.Increment(ref _ackId);

    internal bool Matches(string name, JsonElement auth) => _matcher is not null && _matcher(name, auth);

    internal SocketIoNamespace CreateChild(string name)
    {
        var child = new SocketIoNamespace(Server, name, _handlers, matcher: null);
        lock (_handlers)
            System.Threading.Volatile.Write(ref _children, [.. _children, child]);
        return child;
    }

    /// <summary>Runs the middlewares for a CONNECT, then accepts or refuses (PROTOCOL.md 2.6, steps 5-7).</summary>
    internal void Connect(SocketIoClient client, JsonElement auth)
    {
        var socket = new SocketIoSocket(this, client, auth);
        var middlewares = _handlers.Middlewares;
        if (middlewares.Length == 0)
            Admit(socket);
        else
            _ = RunMiddlewaresAsync(socket, middlewares);
    }

    internal void Remove(SocketIoSocket socket) => _sockets.TryRemove(socket.Id, out _);

    private async Task RunMiddlewaresAsync(SocketIoSocket socket, Func<SocketIoSocket, ValueTask>[] middlewares)
    {
        foreach (var middleware in middlewares)
        {
            try
            {
                await middleware(socket).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // Any middleware failure refuses the connection with its message.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                socket.Client.Refuse(this, ex);
                return;
            }
        }

        Admit(socket);
    }

    private void Admit(SocketIoSocket socket)
    {
        var client = socket.Client;
        // The connection may have closed while the middlewares ran: drop the socket without a word.
        if (!client.TryAttach(socket))
            return;
        _sockets[socket.Id] = socket;
        Adapter.AddAll(socket, [socket.Id]);
        socket.MarkConnected();
        var reply = PacketEncoder.ConnectAccepted(Name, NameUtf8, socket.Id);
        try
        {
            client.Send(reply);
        }
        finally
        {
            reply.Release();
        }

        foreach (var handler in _handlers.Connection)
            RunConnectionHandler(handler, socket);
    }

    private void RunConnectionHandler(Func<SocketIoSocket, ValueTask> handler, SocketIoSocket socket)
    {
        ValueTask pending;
        try
        {
            pending = handler(socket);
        }
#pragma warning disable CA1031 // Application handlers are isolated: logged, never fatal.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            SocketIoLog.HandlerFailed(Server.Logger, "connection", socket.Id, ex);
            return;
        }

        if (!pending.IsCompletedSuccessfully)
            _ = SocketIoSocket.Observe(pending, "connection", socket.Id, Server.Logger);
    }
}
