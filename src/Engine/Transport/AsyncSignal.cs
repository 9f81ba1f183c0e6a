using System.Threading.Tasks.Sources;

namespace SocketIo.Engine.Transport;

/// <summary>
/// A reusable one-waiter wake-up. The owner arms and sets it under its own lock (see the send queue), which
/// is what makes "set before wait" impossible; the continuation is queued to the thread pool so the setter
/// (a broadcast loop, say) never runs the waiter's work inline.
/// </summary>
internal sealed class AsyncSignal : IValueTaskSource
{
    private ManualResetValueTaskSourceCore<bool> _core = new() { RunContinuationsAsynchronously = true };

    /// <summary>Starts a new wait; call only after the previous wait completed.</summary>
    public ValueTask Arm()
    {
        _core.Reset();
        return new ValueTask(this, _core.Version);
    }

    /// <summary>Completes the armed wait.</summary>
    public void Set() => _core.SetResult(true);

    void IValueTaskSource.GetResult(short token) => _core.GetResult(token);

    ValueTaskSourceStatus IValueTaskSource.GetStatus(short token) => _core.GetStatus(token);

    void IValueTaskSource.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);
}
