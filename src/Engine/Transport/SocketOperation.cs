using System.Net.Sockets;
using System.Threading.Tasks.Sources;

namespace SocketIo.Engine.Transport;

/// <summary>
/// A reusable <see cref="SocketAsyncEventArgs"/> awaited as a <see cref="ValueTask{T}"/>: one instance serves
/// every operation of its owner, so a receive or send allocates nothing.
/// </summary>
/// <remarks>
/// One operation at a time. Continuations run inline on the completing thread: on Unix the socket engine
/// already completes on the thread pool, so another hop would only add latency.
/// </remarks>
internal sealed class SocketOperation : SocketAsyncEventArgs, IValueTaskSource<SocketResult>, ISocketReceiver
{
    private ManualResetValueTaskSourceCore<SocketResult> _core;

    public SocketOperation()
        : base(unsafeSuppressExecutionContextFlow: true)
    {
    }

    /// <summary>Receives into <paramref name="buffer"/>; an empty buffer waits until data (or FIN) arrives.</summary>
    public ValueTask<SocketResult> ReceiveAsync(Socket socket, Memory<byte> buffer)
    {
        SetBuffer(buffer);
        _core.Reset();
        if (!socket.ReceiveAsync(this))
        {
            _core.SetResult(new SocketResult(BytesTransferred, SocketError));
        }

        return new ValueTask<SocketResult>(this, _core.Version);
    }

    /// <summary>Sends what was configured with <see cref="SocketAsyncEventArgs.SetBuffer(byte[], int, int)"/> or <see cref="SocketAsyncEventArgs.BufferList"/>.</summary>
    public ValueTask<SocketResult> SendAsync(Socket socket)
    {
        _core.Reset();
        if (!socket.SendAsync(this))
        {
            _core.SetResult(new SocketResult(BytesTransferred, SocketError));
        }

        return new ValueTask<SocketResult>(this, _core.Version);
    }

    /// <summary>Nothing to do: closing the socket already aborts a pending operation.</summary>
    public void Abort()
    {
    }

    /// <inheritdoc />
    protected override void OnCompleted(SocketAsyncEventArgs e) =>
        _core.SetResult(new SocketResult(BytesTransferred, SocketError));

    SocketResult IValueTaskSource<SocketResult>.GetResult(short token) => _core.GetResult(token);

    ValueTaskSourceStatus IValueTaskSource<SocketResult>.GetStatus(short token) => _core.GetStatus(token);

    void IValueTaskSource<SocketResult>.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);
}
