namespace SocketIo.Engine.Transport;

/// <summary>What a connection's send queue did with a frame.</summary>
internal enum EnqueueResult
{
    /// <summary>Queued; the queue is below its high-water mark.</summary>
    Accepted,

    /// <summary>Queued, but the queue is above its high-water mark: drop volatile messages until it drains.</summary>
    AcceptedOverHighWater,

    /// <summary>Not queued: the hard limit would be exceeded. The upper layer decides whether to close.</summary>
    RejectedOverLimit,

    /// <summary>Not queued: the connection's output is closed or the connection is gone.</summary>
    RejectedClosed,
}
