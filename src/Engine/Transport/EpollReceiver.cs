using System.Net.Sockets;
using System.Threading.Tasks.Sources;

namespace SocketIo.Engine.Transport;

/// <summary>
/// Receives on one socket through <see cref="EpollEngine"/>: a receive tries recv(2) at once and, when nothing is
/// there yet, arms the socket and completes from the thread pool once it is readable.
/// </summary>
/// <remarks>One operation at a time. Continuations run inline on the pool thread that completes the wait.</remarks>
internal sealed class EpollReceiver : ISocketReceiver, IValueTaskSource<SocketResult>, IThreadPoolWorkItem
{
    private const int Idle = 0;
    private const int Armed = 1;
    private const int Aborted = 2;

    private static readonly SocketResult AbortedResult = new(0, SocketError.OperationAborted);

    private readonly EpollEngine _engine;
    private ManualResetValueTaskSourceCore<SocketResult> _core;
    private Socket? _socket;
    private Memory<byte> _buffer;
    private int _state;
    private bool _added;

    public EpollReceiver(EpollEngine engine)
    {
        _engine = engine;
        Key = engine.Register(this);
    }

    /// <summary>The event key this receiver's socket is armed with (slot and generation).</summary>
    public ulong Key { get; }

    /// <inheritdoc />
    public ValueTask<SocketResult> ReceiveAsync(Socket socket, Memory<byte> buffer)
    {
        if (Volatile.Read(ref _state) == Aborted)
        {
            return new ValueTask<SocketResult>(AbortedResult);
        }

        if (!buffer.IsEmpty)
        {
            var error = EpollNative.Receive(socket.SafeHandle, buffer.Span, out var received);
            if (error != SocketError.WouldBlock)
            {
                return new ValueTask<SocketResult>(new SocketResult(received, error));
            }
        }

        _socket = socket;
        _buffer = buffer;
        _core.Reset();
        if (Interlocked.CompareExchange(ref _state, Armed, Idle) != Idle)
        {
            return new ValueTask<SocketResult>(AbortedResult);
        }

        var armed = TryArm(socket);
        return armed == SocketError.Success
            ? new ValueTask<SocketResult>(this, _core.Version)
            : new ValueTask<SocketResult>(new SocketResult(0, armed));
    }

    /// <inheritdoc />
    public void Abort()
    {
        if (Interlocked.Exchange(ref _state, Aborted) == Armed)
        {
            // The closed socket will never report readiness: complete the wait from the pool instead.
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Abort();
        _engine.Unregister(Key);
    }

    /// <summary>The engine saw the socket readable (or hung up); called on the epoll thread.</summary>
    internal void OnReady()
    {
        if (Interlocked.CompareExchange(ref _state, Idle, Armed) == Armed)
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }
    }

    void IThreadPoolWorkItem.Execute()
    {
        if (Volatile.Read(ref _state) == Aborted)
        {
            _core.SetResult(AbortedResult);
            return;
        }

        if (_buffer.IsEmpty)
        {
            _core.SetResult(new SocketResult(0, SocketError.Success));
            return;
        }

        SocketError error;
        int received;
        try
        {
            error = EpollNative.Receive(_socket!.SafeHandle, _buffer.Span, out received);
        }
        catch (ObjectDisposedException)
        {
            error = SocketError.OperationAborted;
            received = 0;
        }

        if (error == SocketError.WouldBlock)
        {
            // Readable without data: the kernel may wake spuriously. Wait again.
            if (Interlocked.CompareExchange(ref _state, Armed, Idle) != Idle)
            {
                _core.SetResult(AbortedResult);
                return;
            }

            error = TryArm(_socket!);
            if (error == SocketError.Success)
            {
                return;
            }
        }

        _core.SetResult(new SocketResult(received, error));
    }

    /// <summary>
    /// Arms the socket while the state is <see cref="Armed"/>. On failure the state is back to idle and the error
    /// is returned, unless an abort took the operation over: then it completes the wait and this returns Success.
    /// </summary>
    private SocketError TryArm(Socket socket)
    {
        SocketError error;
        try
        {
            error = _engine.Arm(socket.SafeHandle, Key, _added);
            _added = true;
        }
        catch (ObjectDisposedException)
        {
            error = SocketError.OperationAborted;
        }

        if (error == SocketError.Success || Interlocked.CompareExchange(ref _state, Idle, Armed) != Armed)
        {
            return SocketError.Success;
        }

        return error;
    }

    SocketResult IValueTaskSource<SocketResult>.GetResult(short token) => _core.GetResult(token);

    ValueTaskSourceStatus IValueTaskSource<SocketResult>.GetStatus(short token) => _core.GetStatus(token);

    void IValueTaskSource<SocketResult>.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);
}
