namespace SocketIo.Engine.SocketIO;

/// <summary>The outcome of a broadcast with acknowledgements: every answer that came, and who did not answer in time.</summary>
public sealed class BroadcastAckResult
{
    internal BroadcastAckResult(IReadOnlyList<SocketIoAckResponse> responses, IReadOnlyList<string> timedOut)
    {
        Responses = responses;
        TimedOut = timedOut;
    }

    /// <summary>The answers, in arrival order (the reference's callback gets each one's first argument).</summary>
    public IReadOnlyList<SocketIoAckResponse> Responses { get; }

    /// <summary>Ids of the sockets that did not answer before the timeout (the reference's "operation has timed out").</summary>
    public IReadOnlyList<string> TimedOut { get; }

    /// <summary>True when some recipient did not answer in time.</summary>
    public bool IsTimedOut => TimedOut.Count > 0;
}
