using System.Net;
using SocketIo.Engine.Buffers;

namespace SocketIo.Engine.Transport;

/// <summary>
/// Limits and switches of the socket transport. Defaults are safe for a public server; <see cref="Validate"/>
/// runs when a listener starts and rejects inconsistent values.
/// </summary>
internal sealed record TransportOptions
{
    /// <summary>Endpoints to listen on; port 0 picks a free port (see <see cref="TransportListener.BoundEndpoints"/>).</summary>
    public IReadOnlyList<IPEndPoint> Endpoints { get; init; } = [new IPEndPoint(IPAddress.Loopback, 0)];

    /// <summary>Pending-connection queue length passed to <c>listen()</c>.</summary>
    public int Backlog { get; init; } = 512;

    /// <summary>Concurrent accept loops per endpoint.</summary>
    public int AcceptLoopsPerEndpoint { get; init; } = 1;

    /// <summary>Sets TCP_NODELAY: corking happens in the send queue, so Nagle would only add latency.</summary>
    public bool NoDelay { get; init; } = true;

    /// <summary>Open connections above this are closed at once and counted in <see cref="TransportMetrics.ConnectionsRejected"/>.</summary>
    public int MaxConcurrentConnections { get; init; } = 10_000;

    /// <summary>
    /// File descriptors kept free for the runtime (threads, files) under the process's open-file limit: on Linux the
    /// listener raises the soft limit toward the hard one as far as <see cref="MaxConcurrentConnections"/> needs,
    /// then serves at most (soft limit - reserve) connections, so a flood of connections cannot starve the process.
    /// </summary>
    public int FileDescriptorReserve { get; init; } = 128;

    /// <summary>
    /// When the input holds no unconsumed bytes, a read waits with a zero-byte receive before renting a buffer, so idle
    /// connections hold none.
    /// </summary>
    public bool WaitForDataBeforeAllocatingBuffer { get; init; } = true;

    /// <summary>
    /// Most unconsumed input bytes a connection buffers: at this many the input stops receiving (TCP backpressure), and
    /// a read that asks for more waits until the connection closes. Must exceed the largest message the upper layer
    /// buffers whole without consuming it, or that layer would wait forever for the rest.
    /// </summary>
    public long InputPauseThreshold { get; init; } = 2 * 1024 * 1024;

    /// <summary>Queued output bytes above which the connection reports congestion (drop volatile messages).</summary>
    public long OutputHighWaterMark { get; init; } = 256 * 1024;

    /// <summary>Queued output bytes above which frames are refused; a lone frame on an empty queue is always accepted.</summary>
    public long OutputHardLimit { get; init; } = 4 * 1024 * 1024;

    /// <summary>Most frames queued per connection, whatever their size.</summary>
    public int MaxQueuedFrames { get; init; } = 16_384;

    /// <summary>
    /// Most buffers in one gather send. The runtime builds iovecs for a few buffers on the stack and allocates
    /// beyond that, so small counts plus copying small frames together keep sends allocation-free.
    /// </summary>
    public int MaxSegmentsPerSend { get; init; } = 8;

    /// <summary>
    /// In the async send loop (a connection whose kernel buffer was full), frames up to this size are copied into the
    /// sender's staging buffer rather than sent as their own segment. Immediate sends copy every frame that fits into
    /// a per-thread 32 KiB buffer (<see cref="SendBatch"/>).
    /// </summary>
    public int CoalesceCopyThreshold { get; init; } = 1024;

    /// <summary>Size of each async send loop sender's staging buffer for small frames.</summary>
    public int SendStagingBufferSize { get; init; } = 16 * 1024;

    /// <summary>Period of the single heartbeat that checks every connection's deadline.</summary>
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Time a connection gets to flush its queue after its handler returned, before it is aborted.</summary>
    public TimeSpan OutputDrainTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Pool for frames written through <see cref="TransportConnection.Write"/>.</summary>
    public SharedFramePool FramePool { get; init; } = SharedFramePool.Shared;

    /// <summary>Clock for deadlines and the heartbeat.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Endpoints);
        if (Endpoints.Count == 0)
        {
            throw new ArgumentException("At least one endpoint is required.", nameof(Endpoints));
        }

        foreach (var endpoint in Endpoints)
        {
            ArgumentNullException.ThrowIfNull(endpoint, nameof(Endpoints));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(Backlog, 1, nameof(Backlog));
        ArgumentOutOfRangeException.ThrowIfLessThan(AcceptLoopsPerEndpoint, 1, nameof(AcceptLoopsPerEndpoint));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(AcceptLoopsPerEndpoint, 64, nameof(AcceptLoopsPerEndpoint));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxConcurrentConnections, 1, nameof(MaxConcurrentConnections));
        ArgumentOutOfRangeException.ThrowIfNegative(FileDescriptorReserve, nameof(FileDescriptorReserve));
        ArgumentOutOfRangeException.ThrowIfLessThan(InputPauseThreshold, PinnedBlockMemoryPool.BlockSize, nameof(InputPauseThreshold));
        ArgumentOutOfRangeException.ThrowIfLessThan(OutputHighWaterMark, 1, nameof(OutputHighWaterMark));
        ArgumentOutOfRangeException.ThrowIfLessThan(OutputHardLimit, OutputHighWaterMark, nameof(OutputHardLimit));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxQueuedFrames, 1, nameof(MaxQueuedFrames));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxSegmentsPerSend, 1, nameof(MaxSegmentsPerSend));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxSegmentsPerSend, 1024, nameof(MaxSegmentsPerSend)); // IOV_MAX
        ArgumentOutOfRangeException.ThrowIfNegative(CoalesceCopyThreshold, nameof(CoalesceCopyThreshold));
        ArgumentOutOfRangeException.ThrowIfLessThan(SendStagingBufferSize, CoalesceCopyThreshold, nameof(SendStagingBufferSize));
        ArgumentOutOfRangeException.ThrowIfLessThan(HeartbeatInterval, TimeSpan.FromMilliseconds(1), nameof(HeartbeatInterval));
        ArgumentOutOfRangeException.ThrowIfLessThan(OutputDrainTimeout, TimeSpan.Zero, nameof(OutputDrainTimeout));
        ArgumentNullException.ThrowIfNull(FramePool);
        ArgumentNullException.ThrowIfNull(TimeProvider);
    }
}
