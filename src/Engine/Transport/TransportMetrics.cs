namespace SocketIo.Engine.Transport;

/// <summary>Listener-wide counters, updated with interlocked adds; read at any time.</summary>
internal sealed class TransportMetrics
{
    private long _accepted;
    private long _rejected;
    private long _active;
    private long _bytesSent;
    private long _framesSent;
    private long _sendCalls;
    private long _bytesReceived;

    /// <summary>Connections accepted and handed to the handler.</summary>
    public long ConnectionsAccepted => Interlocked.Read(ref _accepted);

    /// <summary>Connections closed at once because <see cref="TransportOptions.MaxConcurrentConnections"/> was reached.</summary>
    public long ConnectionsRejected => Interlocked.Read(ref _rejected);

    /// <summary>Connections currently open.</summary>
    public long ActiveConnections => Interlocked.Read(ref _active);

    /// <summary>Bytes handed to the kernel.</summary>
    public long BytesSent => Interlocked.Read(ref _bytesSent);

    /// <summary>Frames fully handed to the kernel.</summary>
    public long FramesSent => Interlocked.Read(ref _framesSent);

    /// <summary>Send calls made (each is one gather syscall unless the kernel buffer filled mid-call).</summary>
    public long SendCalls => Interlocked.Read(ref _sendCalls);

    /// <summary>Bytes received from peers.</summary>
    public long BytesReceived => Interlocked.Read(ref _bytesReceived);

    internal long TryAddActive(long max)
    {
        var active = Interlocked.Increment(ref _active);
        if (active > max)
        {
            Interlocked.Decrement(ref _active);
            Interlocked.Increment(ref _rejected);
            return -1;
        }

        Interlocked.Increment(ref _accepted);
        return active;
    }

    internal void RemoveActive() => Interlocked.Decrement(ref _active);

    internal void AddSend(long bytes, long frames, long calls)
    {
        Interlocked.Add(ref _bytesSent, bytes);
        Interlocked.Add(ref _framesSent, frames);
        Interlocked.Add(ref _sendCalls, calls);
    }

    internal void AddReceived(long bytes) => Interlocked.Add(ref _bytesReceived, bytes);
}
