using System.Net.Sockets;
using System.Threading.Tasks.Sources;

namespace SocketIo.Engine.Transport;

/// <summary>
/// Receives on one socket through <see cref="EpollEngine"/>: a receive tries recv(2) at once and, when nothing is
/// there yet, waits for the engine's next event for the socket and completes from the thread pool (or, with inline
/// completions, on the engine's thread).
/// </summary>
/// <remarks>
/// One operation at a time. Continuations run inline on the thread that completes the wait.
/// <para>
/// The socket is edge-triggered, so the receiver must know whether it drained the socket since the last
/// event: it counts events (<see cref="_events"/>) and remembers the count read before the last receive that
/// found the socket empty (a short read or EAGAIN). While no event came since, there is nothing to read and a
/// wait blocks; otherwise a one-byte peek tells.
/// </para>
/// </remarks>
internal sealed class EpollReceiver : ISocketReceiver, IValueTaskSource<SocketResult>, IThreadPoolWorkItem
{
    private const int Idle = 0;
    private const int Waiting = 1;
    private const int Aborted = 2;

    private static readonly SocketResult AbortedResult = new(0, SocketError.OperationAborted);

    private readonly EpollEngine _engine;
    private ManualResetValueTaskSourceCore<SocketResult> _core;
    private Socket? _socket;
    private Memory<byte> _buffer;
    private int _state;
    private int _events;
    private int _emptyAt;
    private bool _emptyKnown;
    private bool _added;
    private int _disposed;

    public EpollReceiver(EpollEngine engine)
    {
        _engine = engine;
        Key = engine.Register(this);
    }

    /// <summary>The event key this receiver's socket is registered with (slot and generation).</summary>
    public ulong Key { get; }

    /// <inheritdoc />
    public ValueTask<SocketResult> ReceiveAsync(Socket socket, Memory<byte> buffer)
    {
        if (Volatile.Read(ref _state) == Aborted)
        {
            return new ValueTask<SocketResult>(AbortedResult);
        }

        if (!_added)
        {
            var added = _engine.Add(socket.SafeHandle, Key);
            if (added != SocketError.Success)
            {
                return new ValueTask<SocketResult>(new SocketResult(0, added));
            }

            _added = true;
        }

        while (true)
        {
            if (buffer.IsEmpty)
            {
                // Not known empty (a new socket, a read that filled its buffer, an event since): look without
                // taking, so an idle connection does not rent a buffer only to find nothing.
                if (MayHaveData() && TryReceive(socket, Memory<byte>.Empty, peek: true) is not null)
                {
                    return new ValueTask<SocketResult>(new SocketResult(0, SocketError.Success));
                }
            }
            else if (TryReceive(socket, buffer) is { } done)
            {
                return new ValueTask<SocketResult>(done);
            }

            _socket = socket;
            _buffer = buffer;
            _core.Reset();
            if (Interlocked.CompareExchange(ref _state, Waiting, Idle) != Idle)
            {
                return new ValueTask<SocketResult>(AbortedResult);
            }

            // An event between the empty receive and the state change found no waiter: look again.
            if (!MayHaveData() || Interlocked.CompareExchange(ref _state, Idle, Waiting) != Waiting)
            {
                return new ValueTask<SocketResult>(this, _core.Version);
            }
        }
    }

    /// <inheritdoc />
    public void Abort()
    {
        if (Interlocked.Exchange(ref _state, Aborted) == Waiting)
        {
            // The closed socket will never report readiness: complete the wait from the pool instead.
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Abort();

        // Once only: a slot freed twice would be handed to two receivers.
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _engine.Unregister(Key);
        }
    }

    /// <summary>Data or FIN arrived (or the peer hung up); called on the epoll thread.</summary>
    internal void OnReady()
    {
        Interlocked.Increment(ref _events);
        if (Interlocked.CompareExchange(ref _state, Idle, Waiting) == Waiting)
        {
            _engine.Dispatch(this);
        }
    }

    void IThreadPoolWorkItem.Execute()
    {
        if (Volatile.Read(ref _state) == Aborted)
        {
            _core.SetResult(AbortedResult);
            return;
        }

        var buffer = _buffer;
        if (buffer.IsEmpty)
        {
            _core.SetResult(new SocketResult(0, SocketError.Success));
            return;
        }

        while (true)
        {
            if (TryReceive(_socket!, buffer) is { } done)
            {
                _core.SetResult(done);
                return;
            }

            // Woken without data (the event was for bytes an earlier receive already took): wait again.
            if (Interlocked.CompareExchange(ref _state, Waiting, Idle) != Idle)
            {
                _core.SetResult(AbortedResult);
                return;
            }

            if (!MayHaveData() || Interlocked.CompareExchange(ref _state, Idle, Waiting) != Waiting)
            {
                return;
            }
        }
    }

    /// <summary>True unless the socket was found empty and no event came since.</summary>
    private bool MayHaveData() => !_emptyKnown || Volatile.Read(ref _events) != _emptyAt;

    /// <summary>
    /// One recv(2) into <paramref name="buffer"/>, or with <paramref name="peek"/> a look at one byte that leaves it
    /// in the socket; null when nothing was there (the socket is then known empty).
    /// </summary>
    private SocketResult? TryReceive(Socket socket, Memory<byte> buffer, bool peek = false)
    {
        var events = Volatile.Read(ref _events);
        SocketError error;
        int received;
        try
        {
            error = peek ? EpollNative.Peek(socket.SafeHandle, out received) : EpollNative.Receive(socket.SafeHandle, buffer.Span, out received);
        }
        catch (ObjectDisposedException)
        {
            return AbortedResult;
        }

        // A short read emptied the socket's queue, as EAGAIN shows it empty: either way, only a later event can
        // bring more. A peek that saw a byte leaves it unknown.
        _emptyKnown = error == SocketError.WouldBlock || (!peek && error == SocketError.Success && received < buffer.Length);
        _emptyAt = events;
        return error == SocketError.WouldBlock ? null : new SocketResult(peek ? 0 : received, error);
    }

    SocketResult IValueTaskSource<SocketResult>.GetResult(short token) => _core.GetResult(token);

    ValueTaskSourceStatus IValueTaskSource<SocketResult>.GetStatus(short token) => _core.GetStatus(token);

    void IValueTaskSource<SocketResult>.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);
}
