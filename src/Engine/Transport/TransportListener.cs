using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SocketIo.Engine.Buffers;

namespace SocketIo.Engine.Transport;

/// <summary>
/// Accepts TCP connections on one or more endpoints and runs an <see cref="IConnectionHandler"/> per
/// connection. Owns the shared pools, the connection registry and the single heartbeat that checks deadlines.
/// </summary>
/// <remarks>Call <see cref="Start"/> once, then <see cref="StopAsync"/> or <see cref="DisposeAsync"/>.</remarks>
internal sealed partial class TransportListener : IAsyncDisposable
{
    private readonly IConnectionHandler _handler;
    private readonly ConcurrentDictionary<long, TransportConnection> _connections = new();
    private readonly CancellationTokenSource _shutdown = new();
    private readonly List<Socket> _listenSockets = [];
    private readonly List<Task> _acceptLoops = [];
    private readonly List<IPEndPoint> _boundEndpoints = [];
    private long _nextConnectionId;
    private long _lastAcceptFailureLog = long.MinValue;
    private int _state; // 0 new, 1 started, 2 stopping/stopped

    /// <summary>Creates a listener; nothing is bound until <see cref="Start"/>.</summary>
    public TransportListener(TransportOptions options, IConnectionHandler handler, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(handler);
        options.Validate();
        Options = options;
        _handler = handler;
        Logger = logger ?? NullLogger.Instance;
        SenderPool = new SocketSenderPool(options);
    }

    /// <summary>The validated options.</summary>
    public TransportOptions Options { get; }

    /// <summary>Counters for the whole listener.</summary>
    public TransportMetrics Metrics { get; } = new();

    /// <summary>
    /// Connections served at once: <see cref="TransportOptions.MaxConcurrentConnections"/>, or fewer when the
    /// process's open-file limit leaves less room (see <see cref="TransportOptions.FileDescriptorReserve"/>).
    /// </summary>
    public int ConnectionCap { get; private set; }

    /// <summary>The endpoints actually bound (with the ports chosen for port 0), in option order.</summary>
    public IReadOnlyList<IPEndPoint> BoundEndpoints => _boundEndpoints;

    /// <summary>Pool of the connections' input buffers; <see cref="PinnedBlockMemoryPool.Outstanding"/> is 0 once all connections are gone.</summary>
    internal PinnedBlockMemoryPool MemoryPool { get; } = new();

    internal SocketSenderPool SenderPool { get; }

    internal ILogger Logger { get; }

    internal CancellationToken ShutdownToken => _shutdown.Token;

    /// <summary>Open connections (a snapshot count).</summary>
    internal int ConnectionCount => _connections.Count;

    /// <summary>Binds every endpoint, starts listening, the accept loops and the heartbeat.</summary>
    public void Start()
    {
        if (Interlocked.CompareExchange(ref _state, 1, 0) != 0)
        {
            throw new InvalidOperationException("The listener was already started.");
        }

        var softLimit = FileDescriptorLimit.RaiseTo((long)Options.MaxConcurrentConnections + Options.FileDescriptorReserve);
        ConnectionCap = FileDescriptorLimit.ConnectionCap(Options.MaxConcurrentConnections, softLimit, Options.FileDescriptorReserve);
        if (ConnectionCap < Options.MaxConcurrentConnections)
        {
            TransportLog.ConnectionCapLowered(Logger, ConnectionCap, softLimit ?? 0);
        }

        try
        {
            foreach (var endpoint in Options.Endpoints)
            {
                var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
                _listenSockets.Add(socket);
                if (endpoint.AddressFamily == AddressFamily.InterNetworkV6)
                {
                    // Listen on IPv6 only, so "::" and "0.0.0.0" can both be listed on the same port.
                    socket.DualMode = false;
                }

                socket.Bind(endpoint);
                socket.Listen(Options.Backlog);
                var bound = (IPEndPoint)socket.LocalEndPoint!;
                _boundEndpoints.Add(bound);
                TransportLog.Listening(Logger, bound);
            }
        }
        catch
        {
            foreach (var socket in _listenSockets)
            {
                socket.Dispose();
            }

            throw;
        }

        foreach (var socket in _listenSockets)
        {
            for (var i = 0; i < Options.AcceptLoopsPerEndpoint; i++)
            {
                _acceptLoops.Add(AcceptLoopAsync(socket));
            }
        }

        StartHeartbeat();
    }

    internal void OnConnectionFinished(TransportConnection connection)
    {
        _connections.TryRemove(connection.Id, out _);
        Metrics.RemoveActive();
        TransportLog.ConnectionClosed(Logger, connection.Id, connection.CloseReason);
    }

    private async Task AcceptLoopAsync(Socket listenSocket)
    {
        while (true)
        {
            Socket socket;
            try
            {
                socket = await listenSocket.AcceptAsync().ConfigureAwait(false);
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            catch (SocketException ex) when (ex.SocketErrorCode is SocketError.OperationAborted or SocketError.Interrupted || Volatile.Read(ref _state) == 2)
            {
                return;
            }
            catch (SocketException ex)
            {
                // Per-connection failures (reset before accept) and resource limits (EMFILE, ENFILE, ENOBUFS): log
                // at most once a second, back off so a persistent error cannot spin a core, and keep accepting.
                var now = Environment.TickCount64;
                if (now - _lastAcceptFailureLog >= 1000)
                {
                    _lastAcceptFailureLog = now;
                    TransportLog.AcceptFailed(Logger, ex.SocketErrorCode);
                }

                if (ex.SocketErrorCode is not SocketError.ConnectionReset)
                {
                    await Task.Delay(100).ConfigureAwait(false);
                }

                continue;
            }

            OnAccepted(socket);
        }
    }

    private void OnAccepted(Socket socket)
    {
        if (Volatile.Read(ref _state) == 2)
        {
            socket.Dispose();
            return;
        }

        if (Metrics.TryAddActive(ConnectionCap) < 0)
        {
            TransportLog.ConnectionRejected(Logger, ConnectionCap);
            socket.Dispose();
            return;
        }

        try
        {
            socket.NoDelay = Options.NoDelay;
        }
        catch (SocketException)
        {
            // The peer may already be gone; the first receive will notice.
        }

        var connection = new TransportConnection(Interlocked.Increment(ref _nextConnectionId), socket, this, _handler);
        _connections[connection.Id] = connection;
        TransportLog.ConnectionAccepted(Logger, connection.Id, connection.RemoteEndPoint);

        connection.Start();
    }
}
