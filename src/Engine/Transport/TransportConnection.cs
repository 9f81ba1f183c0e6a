using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace SocketIo.Engine.Transport;

/// <summary>
/// One accepted TCP connection: an input <see cref="PipeReader"/> that receives when its reader asks, and a bounded send
/// queue of shared frames drained by a send loop that writes everything queued in one gather call.
/// </summary>
/// <remarks>
/// Thread-safety: <see cref="Enqueue"/>, <see cref="Write"/>, <see cref="Abort"/>, <see cref="SetDeadline"/>,
/// <see cref="ClearDeadline"/> and <see cref="CloseOutputAsync"/> may be called from any thread at any time.
/// <see cref="Input"/> has one reader: the handler. The connection's life is run by its listener; the
/// handler's return starts the graceful close.
/// </remarks>
internal sealed partial class TransportConnection : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly TransportListener _listener;
    private readonly TransportOptions _options;
    private IConnectionHandler _handler;
    private readonly ILogger _logger;
    private readonly SocketInputReader _input;
    private CancellationTokenSource? _closedSource;
    private int _closeReason;
    private long _deadline = long.MaxValue;
    private volatile bool _handlerCompleted;
    private Task _run = Task.CompletedTask;

    internal TransportConnection(long id, Socket socket, TransportListener listener, IConnectionHandler handler)
    {
        Id = id;
        _socket = socket;
        NonBlockingSend.PrepareSocket(socket);
        _listener = listener;
        _options = listener.Options;
        _handler = handler;
        _logger = listener.Logger;
        RemoteEndPoint = socket.RemoteEndPoint;
        _input = new SocketInputReader(this);
        _receiver = ISocketReceiver.Create();
    }

    /// <summary>Listener-unique id, for logs and lookups.</summary>
    public long Id { get; }

    /// <summary>The peer's endpoint.</summary>
    public EndPoint? RemoteEndPoint { get; }

    /// <summary>The local endpoint the peer connected to; null once the connection closed.</summary>
    /// <remarks>Asked of the socket on demand: hardly anyone needs it, and every idle connection would keep a copy.</remarks>
    public EndPoint? LocalEndPoint
    {
        get
        {
            try
            {
                return _socket.LocalEndPoint;
            }
            catch (ObjectDisposedException)
            {
                return null;
            }
        }
    }

    /// <summary>Received bytes. Completes (without error) on FIN, abort or close.</summary>
    public PipeReader Input => _input;

    /// <summary>Cancelled once the connection is closed or aborted, on a thread-pool thread.</summary>
    /// <remarks>Its source is created on first use: most connections never ask, and it would cost each 48 B.</remarks>
    public CancellationToken ConnectionClosed
    {
        get
        {
            var source = Volatile.Read(ref _closedSource);
            if (source is null)
            {
                var created = new CancellationTokenSource();
                source = Interlocked.CompareExchange(ref _closedSource, created, null) ?? created;

                // Closed before the source existed: Close found none to cancel.
                if (CloseReason != ConnectionCloseReason.None)
                {
                    source.Cancel();
                }
            }

            return source.Token;
        }
    }

    /// <summary>
    /// Cancelled when the server starts a graceful shutdown: finish in-flight work, say goodbye, return. The
    /// handler running the connection is also told through <see cref="IConnectionHandler.OnShutdownRequested"/>.
    /// </summary>
    public CancellationToken ShutdownRequested => _listener.ShutdownToken;

    /// <summary>Why the connection closed; <see cref="ConnectionCloseReason.None"/> while open.</summary>
    public ConnectionCloseReason CloseReason => (ConnectionCloseReason)Volatile.Read(ref _closeReason);

    /// <summary>The socket, for tests and socket options.</summary>
    internal Socket Socket => _socket;

    /// <summary>
    /// Closes the connection now: pending and queued output is dropped, the socket is closed, the input
    /// completes and <see cref="ConnectionClosed"/> fires. Only the first close (or abort) counts.
    /// </summary>
    public void Abort(ConnectionCloseReason reason = ConnectionCloseReason.Aborted)
    {
        if (reason == ConnectionCloseReason.None)
        {
            reason = ConnectionCloseReason.Aborted;
        }

        Close(reason);
    }

    /// <summary>
    /// Asks the heartbeat to call <see cref="IConnectionHandler.OnDeadlineExpired"/> once <paramref name="timeout"/>
    /// has passed (at heartbeat granularity). Replaces any earlier deadline.
    /// </summary>
    public void SetDeadline(TimeSpan timeout)
    {
        var provider = _options.TimeProvider;
        var now = provider.GetTimestamp();

        // Clamped so a huge timeout (TimeSpan.MaxValue) means "practically never" instead of overflowing.
        var ticks = Math.Min(Math.Max(0, timeout.TotalSeconds) * provider.TimestampFrequency, (double)(long.MaxValue / 2));
        Volatile.Write(ref _deadline, now + (long)ticks);
    }

    /// <summary>Removes the deadline.</summary>
    public void ClearDeadline() => Volatile.Write(ref _deadline, long.MaxValue);

    /// <summary>Aborts the connection and waits until its loops and handler finished.</summary>
    public async ValueTask DisposeAsync()
    {
        Abort();
        await _run.ConfigureAwait(false);
    }

    internal void Start() => _run = RunAsync();

    internal Task Completion => _run;

    internal void OnHeartbeat(long now)
    {
        var deadline = Volatile.Read(ref _deadline);
        if (now < deadline || Interlocked.CompareExchange(ref _deadline, long.MaxValue, deadline) != deadline)
        {
            return;
        }

        TransportLog.DeadlineExpired(_logger, Id);
        if (_handlerCompleted)
        {
            Abort(ConnectionCloseReason.DeadlineExpired);
            return;
        }

        try
        {
            Volatile.Read(ref _handler).OnDeadlineExpired(this);
        }
        catch (Exception ex)
        {
            TransportLog.HandlerFailed(_logger, Id, ex);
            Abort(ConnectionCloseReason.HandlerFailed);
        }
    }

    private async Task RunAsync()
    {
        // Leave the accept loop at once: the handler (and its first synchronous part) runs on the pool.
        await Task.Yield();
        try
        {
            // A handler may hand the connection over (an HTTP request upgraded to a WebSocket): the next one runs
            // here, so the one that handed over keeps no frame alive for the rest of the connection's life.
            var handler = _handler;
            while (await handler.OnConnectedAsync(this).ConfigureAwait(false) is { } next)
            {
                Volatile.Write(ref _handler, next);
                handler = next;

                // The shutdown walk may have told the previous handler only.
                if (ShutdownRequested.IsCancellationRequested)
                {
                    OnShutdownRequested();
                }
            }
        }
        catch (Exception ex)
        {
            TransportLog.HandlerFailed(_logger, Id, ex);
            Abort(ConnectionCloseReason.HandlerFailed);
        }

        _handlerCompleted = true;
        _input.Complete();

        if (CloseReason == ConnectionCloseReason.None)
        {
            // Flush what the handler queued, bounded by the drain timeout so a peer that stopped reading
            // cannot hold the connection open forever.
            SetDeadline(_options.OutputDrainTimeout);
            await CloseOutputAsync().ConfigureAwait(false);
            Close(ConnectionCloseReason.Completed);
        }

        await _input.WhenReceiveStoppedAsync().ConfigureAwait(false);
        await OutputFinishedAsync().ConfigureAwait(false);
        _receiver.Dispose();
        _listener.OnConnectionFinished(this);
    }

    private void Close(ConnectionCloseReason reason)
    {
        if (Interlocked.CompareExchange(ref _closeReason, (int)reason, 0) != 0)
        {
            return;
        }

        if (reason != ConnectionCloseReason.Completed)
        {
            TransportLog.ConnectionAborted(_logger, Id, reason);
        }

        CloseOutputQueue();

        // Disposing the socket completes any pending receive/send with OperationAborted.
        _socket.Dispose();
        _receiver.Abort();
        _input.OnConnectionClosed();

        // Token callbacks are upper-layer code: run them off this thread (which may be a broadcaster).
        if (Volatile.Read(ref _closedSource) is { } closedSource)
        {
            ThreadPool.UnsafeQueueUserWorkItem(static source => source.Cancel(), closedSource, preferLocal: false);
        }
    }

    /// <summary>Tells the handler running the connection that a graceful shutdown started (the listener's walk).</summary>
    internal void OnShutdownRequested()
    {
        try
        {
            Volatile.Read(ref _handler).OnShutdownRequested(this);
        }
        catch (Exception ex)
        {
            TransportLog.HandlerFailed(_logger, Id, ex);
            Abort(ConnectionCloseReason.HandlerFailed);
        }
    }
}
