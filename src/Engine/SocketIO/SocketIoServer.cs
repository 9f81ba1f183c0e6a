using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SocketIo.Engine.SocketIO.Adapters;
using SocketIo.Engine.SocketIO.Connections;
using SocketIo.Engine.Timing;

namespace SocketIo.Engine.SocketIO;

/// <summary>
/// A Socket.IO v5 server (the reference's <c>Server</c>): namespaces, their middlewares and handlers, and
/// broadcasts. The members that take no namespace act on the main namespace <c>/</c>.
/// </summary>
/// <example><code>
/// var io = new SocketIoServer();
/// io.Of("/").OnConnection(socket =>
/// {
///     socket.On("chat", e => socket.Broadcast.EmitRaw("chat", e.RawArguments, e.Attachments));
///     socket.On("join", e => { socket.Join(e.GetArgument&lt;string&gt;(0)!); e.Ack(); });
/// });
/// </code></example>
public sealed class SocketIoServer : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, SocketIoNamespace> _namespaces = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<SocketIoClient, byte> _clients = new();
    private readonly Lock _gate = new();
    private readonly bool _ownsWheel;
    private SocketIoNamespace[] _dynamic = [];

    /// <summary>Creates a server with its own timer wheel (started now).</summary>
    public SocketIoServer(SocketIoServerOptions? options = null, ILoggerFactory? loggerFactory = null, TimeProvider? timeProvider = null)
        : this(options, new TimerWheel(TimerWheel.DefaultTickDuration, timeProvider, loggerFactory?.CreateLogger<TimerWheel>()), loggerFactory)
    {
        _ownsWheel = true;
        Wheel.Start();
    }

    /// <summary>Creates a server on an existing wheel (shared with the Engine.IO server, or driven by tests).</summary>
    internal SocketIoServer(SocketIoServerOptions? options, TimerWheel wheel, ILoggerFactory? loggerFactory, Func<SocketIoNamespace, SocketIoAdapter>? adapterFactory = null)
    {
        Options = options ?? new SocketIoServerOptions();
        Options.Validate();
        Wheel = wheel;
        Logger = (ILogger?)loggerFactory?.CreateLogger<SocketIoServer>() ?? NullLogger.Instance;
        SerializerOptions = Options.CreateSerializerOptions();
        AdapterFactory = adapterFactory ?? (static ns => new InMemoryAdapter(ns));
        // Like the reference, the main namespace always exists.
        Of("/");
    }

    /// <summary>The options (do not change them after start).</summary>
    public SocketIoServerOptions Options { get; }

    /// <summary>The serializer options used for every argument (JavaScript-compatible output, binary converters).</summary>
    public JsonSerializerOptions SerializerOptions { get; }

    /// <summary>The main namespace <c>/</c>.</summary>
    public SocketIoNamespace Sockets => Of("/");

    internal TimerWheel Wheel { get; }

    internal ILogger Logger { get; }

    internal Func<SocketIoNamespace, SocketIoAdapter> AdapterFactory { get; }

    /// <summary>Returns the namespace named <paramref name="name"/>, creating it if needed (<c>admin</c> means <c>/admin</c>).</summary>
    public SocketIoNamespace Of(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!name.StartsWith('/'))
            name = "/" + name;
        return _namespaces.GetOrAdd(name, static (n, server) => new SocketIoNamespace(server, n, new NamespaceHandlers(), null), this);
    }

    /// <summary>
    /// A dynamic namespace: any requested name for which <paramref name="matcher"/>(name, auth) returns true gets a
    /// child namespace on first use, sharing the returned namespace's middlewares and connection handlers.
    /// </summary>
    public SocketIoNamespace Of(Func<string, JsonElement, bool> matcher)
    {
        ArgumentNullException.ThrowIfNull(matcher);
        lock (_gate)
        {
            var parent = new SocketIoNamespace(this, "/_" + _dynamic.Length, new NamespaceHandlers(), matcher);
            System.Threading.Volatile.Write(ref _dynamic, [.. _dynamic, parent]);
            return parent;
        }
    }

    /// <summary>A dynamic namespace matching names with a regular expression.</summary>
    public SocketIoNamespace Of(Regex pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        return Of((name, _) => pattern.IsMatch(name));
    }

    /// <summary>Adds a middleware to <c>/</c>.</summary>
    public SocketIoServer Use(Func<SocketIoSocket, ValueTask> middleware)
    {
        Sockets.Use(middleware);
        return this;
    }

    /// <summary>Adds a connection handler to <c>/</c>.</summary>
    public SocketIoServer OnConnection(Action<SocketIoSocket> handler)
    {
        Sockets.OnConnection(handler);
        return this;
    }

    /// <summary>Emits to every socket of <c>/</c>.</summary>
    public int Emit(string eventName, params object?[] args) => Sockets.Emit(eventName, args);

    /// <summary>Emits one typed argument to every socket of <c>/</c>.</summary>
    public int Emit<T>(string eventName, T value, JsonTypeInfo<T> typeInfo) => Sockets.Emit(eventName, value, typeInfo);

    /// <summary>Broadcasts to a room of <c>/</c>.</summary>
    public BroadcastOperator To(string room) => Sockets.To(room);

    /// <summary>Broadcasts to rooms of <c>/</c>.</summary>
    public BroadcastOperator To(params string[] rooms) => Sockets.To(rooms);

    /// <summary>Same as <see cref="To(string)"/>.</summary>
    public BroadcastOperator In(string room) => Sockets.To(room);

    /// <summary>Broadcasts to <c>/</c> except the members of <paramref name="rooms"/>.</summary>
    public BroadcastOperator Except(params string[] rooms) => Sockets.Except(rooms);

    /// <summary>A volatile broadcast to <c>/</c>.</summary>
    public BroadcastOperator Volatile => Sockets.Volatile;

    /// <summary>A broadcast to <c>/</c> that stays on this node.</summary>
    public BroadcastOperator Local => Sockets.Local;

    /// <summary>A broadcast to <c>/</c> with a compression hint.</summary>
    public BroadcastOperator Compress(bool compress) => Sockets.Compress(compress);

    /// <summary>A broadcast to <c>/</c> with an acknowledgement timeout.</summary>
    public BroadcastOperator Timeout(TimeSpan timeout) => Sockets.Timeout(timeout);

    /// <summary>Every socket of <c>/</c>.</summary>
    public Task<IReadOnlyList<SocketIoRemoteSocket>> FetchSocketsAsync() => Sockets.FetchSocketsAsync();

    /// <summary>Makes every socket of <c>/</c> join rooms.</summary>
    public void SocketsJoin(params string[] rooms) => Sockets.SocketsJoin(rooms);

    /// <summary>Makes every socket of <c>/</c> leave rooms.</summary>
    public void SocketsLeave(params string[] rooms) => Sockets.SocketsLeave(rooms);

    /// <summary>Disconnects every socket of <c>/</c>.</summary>
    public void DisconnectSockets(bool close = false) => Sockets.DisconnectSockets(close);

    /// <summary>Disconnects every socket with <c>server shutting down</c> and closes every connection.</summary>
    public void Close()
    {
        foreach (var client in _clients.Keys)
            client.Close(SocketIoDisconnectReason.ServerShuttingDown);
    }

    /// <summary>Closes every connection and stops the timer wheel if the server owns it.</summary>
    public async ValueTask DisposeAsync()
    {
        Close();
        if (_ownsWheel)
            await Wheel.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// Starts serving one Engine.IO connection (called by the Engine.IO adapter when a session opens). Feed the
    /// returned client with the session's messages and its close.
    /// </summary>
    internal SocketIoClient Accept(IEngineConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var client = new SocketIoClient(this, connection);
        _clients[client] = 0;
        return client;
    }

    internal void Forget(SocketIoClient client) => _clients.TryRemove(client, out _);

    /// <summary>The namespace for a CONNECT: an existing one, or a new child of the first dynamic namespace that matches.</summary>
    internal SocketIoNamespace? Resolve(string name, JsonElement auth)
    {
        if (_namespaces.TryGetValue(name, out var ns))
            return ns;
        foreach (var parent in System.Threading.Volatile.Read(ref _dynamic))
        {
            if (!parent.Matches(name, auth))
                continue;
            lock (_gate)
            {
                if (_namespaces.TryGetValue(name, out ns))
                    return ns;
                ns = parent.CreateChild(name);
                _namespaces[name] = ns;
                return ns;
            }
        }

        return null;
    }
}
