using SocketIo.Engine.Timing;

namespace SocketIo.Engine.SocketIO.Acks;

/// <summary>
/// The acknowledgements of one broadcast (PROTOCOL.md 2.11, <c>timeout(ms)</c>): one ack id for every recipient,
/// each recipient's answer collected, completed when all answered or when the timer fires (the missing ones are
/// reported as timed out and their pending entries dropped).
/// </summary>
internal sealed class BroadcastAckCollector : IAckHandler, ITimerTarget
{
    private readonly Lock _gate = new();
    private readonly TaskCompletionSource<BroadcastAckResult> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<SocketIoSocket> _waiting = [];
    private readonly List<SocketIoAckResponse> _responses = [];
    private TimerEntry? _timer;
    private CancellationTokenRegistration _cancellation;
    private long _id;
    private bool _sealed;
    private bool _done;

    public Task<BroadcastAckResult> Task => _completion.Task;

    /// <summary>The ack id all recipients answer with.</summary>
    public long Id
    {
        get => _id;
        set => _id = value;
    }

    /// <summary>Registers a recipient; called before the packet is sent to it.</summary>
    public void Expect(SocketIoSocket socket)
    {
        lock (_gate)
            _waiting.Add(socket);
    }

    /// <summary>Every recipient is registered: completes at once when none is left, else starts the timer.</summary>
    public void Seal(TimerWheel wheel, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _sealed = true;
            if (_waiting.Count == 0)
            {
                CompleteLocked();
                return;
            }

            if (timeout is { } delay)
            {
                _timer = new TimerEntry(wheel, this, 0);
                _timer.Schedule(delay);
            }
        }

        if (!cancellationToken.CanBeCanceled)
            return;
        var registration = cancellationToken.UnsafeRegister(static state => ((BroadcastAckCollector)state!).Expire(), this);
        lock (_gate)
        {
            if (_done)
                registration.Unregister();
            else
                _cancellation = registration;
        }
    }

    public void OnAck(SocketIoSocket socket, SocketIoMessage arguments)
    {
        lock (_gate)
        {
            if (_done || !_waiting.Remove(socket))
                return;
            _responses.Add(new SocketIoAckResponse(socket.Id, arguments));
            if (_sealed && _waiting.Count == 0)
                CompleteLocked();
        }
    }

    // The reference leaves a disconnected recipient pending until the timeout; it is reported as timed out then.
    public void OnSocketDisconnected(SocketIoSocket socket)
    {
    }

    void ITimerTarget.OnTimer(TimerEntry entry, int generation)
    {
        if (entry.IsCurrent(generation))
            Expire();
    }

    private void Expire()
    {
        lock (_gate)
        {
            if (_done)
                return;
            foreach (var socket in _waiting)
                socket.RemoveAck(_id, this);
            CompleteLocked();
        }
    }

    private void CompleteLocked()
    {
        _done = true;
        _timer?.Cancel();
        var timedOut = new string[_waiting.Count];
        for (var i = 0; i < timedOut.Length; i++)
            timedOut[i] = _waiting[i].Id;
        _waiting.Clear();
        _completion.TrySetResult(new BroadcastAckResult([.. _responses], timedOut));
        // Unregister never waits for a running callback (which may be blocked on this lock).
        _cancellation.Unregister();
    }
}
