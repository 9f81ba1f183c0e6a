using SocketIo.Engine.Timing;

namespace SocketIo.Engine.SocketIO.Acks;

/// <summary>
/// The pending acknowledgement of one event sent to one socket: completes a callback or a task with the ACK's
/// arguments, or with "operation has timed out" when its timer (on the server's wheel) fires first. Whichever of
/// ack, timeout, cancellation or disconnect comes first wins; the others do nothing.
/// </summary>
internal sealed class SingleAck : IAckHandler, ITimerTarget
{
    internal const string TimeoutMessage = "operation has timed out";

    private readonly Action<Exception?, SocketIoMessage?>? _callback;
    private readonly TaskCompletionSource<SocketIoMessage>? _completion;
    private TimerEntry? _timer;
    private CancellationTokenRegistration _cancellation;
    private SocketIoSocket? _socket;
    private long _id;
    private int _done;

    private SingleAck(Action<Exception?, SocketIoMessage?>? callback, TaskCompletionSource<SocketIoMessage>? completion)
    {
        _callback = callback;
        _completion = completion;
    }

    /// <summary>The task of an awaited ack (null for a callback ack).</summary>
    public Task<SocketIoMessage>? Task => _completion?.Task;

    public static SingleAck ForCallback(Action<Exception?, SocketIoMessage?> callback) => new(callback, null);

    public static SingleAck ForTask() => new(null, new TaskCompletionSource<SocketIoMessage>(TaskCreationOptions.RunContinuationsAsynchronously));

    /// <summary>Starts waiting: called after the entry is in the socket's map, before the packet is sent.</summary>
    public void Start(SocketIoSocket socket, long id, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        _socket = socket;
        _id = id;
        if (timeout is { } delay)
        {
            _timer = new TimerEntry(socket.Namespace.Server.Wheel, this, 0);
            _timer.Schedule(delay);
        }

        if (cancellationToken.CanBeCanceled)
            _cancellation = cancellationToken.UnsafeRegister(static (state, token) => ((SingleAck)state!).OnCanceled(token), this);
    }

    public void OnAck(SocketIoSocket socket, SocketIoMessage arguments) => Complete(null, arguments);

    public void OnSocketDisconnected(SocketIoSocket socket)
    {
        // The reference drops a pending callback silently; an awaited ack must not hang forever.
        if (_completion is null)
        {
            Interlocked.Exchange(ref _done, 1);
            _timer?.Cancel();
            _cancellation.Unregister();
            return;
        }

        Complete(new InvalidOperationException("The socket disconnected before the acknowledgement arrived."), null);
    }

    void ITimerTarget.OnTimer(TimerEntry entry, int generation)
    {
        if (!entry.IsCurrent(generation))
            return;
        _socket?.RemoveAck(_id, this);
        Complete(new TimeoutException(TimeoutMessage), null);
    }

    private void OnCanceled(CancellationToken token)
    {
        _socket?.RemoveAck(_id, this);
        Complete(new OperationCanceledException(token), null);
    }

    private void Complete(Exception? error, SocketIoMessage? arguments)
    {
        if (Interlocked.Exchange(ref _done, 1) != 0)
            return;
        _timer?.Cancel();
        _cancellation.Unregister();
        if (_completion is not null)
        {
            if (error is OperationCanceledException canceled)
                _completion.TrySetCanceled(canceled.CancellationToken);
            else if (error is not null)
                _completion.TrySetException(error);
            else
                _completion.TrySetResult(arguments!);
            return;
        }

        try
        {
            _callback!(error, arguments);
        }
#pragma warning disable CA1031 // An application callback must never break the caller (receive loop or timer driver).
        catch (Exception ex)
#pragma warning restore CA1031
        {
            if (_socket is { } socket)
                SocketIoLog.HandlerFailed(socket.Namespace.Server.Logger, "ack callback", socket.Id, ex);
        }
    }
}
