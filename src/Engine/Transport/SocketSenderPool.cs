using System.Collections.Concurrent;

namespace SocketIo.Engine.Transport;

/// <summary>
/// Senders shared by all connections of a listener: a connection holds one only while it has output in
/// flight, so idle connections cost no send state or staging buffer.
/// </summary>
internal sealed class SocketSenderPool : IDisposable
{
    private readonly ConcurrentQueue<SocketSender> _free = new();
    private readonly TransportOptions _options;
    private readonly int _maxRetained;
    private int _retained;
    private volatile bool _disposed;

    public SocketSenderPool(TransportOptions options, int maxRetained = 256)
    {
        _options = options;
        _maxRetained = maxRetained;
    }

    public SocketSender Rent()
    {
        if (_free.TryDequeue(out var sender))
        {
            Interlocked.Decrement(ref _retained);
            return sender;
        }

        return new SocketSender(_options.MaxSegmentsPerSend, _options.CoalesceCopyThreshold, _options.SendStagingBufferSize);
    }

    public void Return(SocketSender sender)
    {
        sender.Clear();
        if (_disposed || Interlocked.Increment(ref _retained) > _maxRetained)
        {
            Interlocked.Decrement(ref _retained);
            sender.Dispose();
            return;
        }

        _free.Enqueue(sender);
    }

    public void Dispose()
    {
        _disposed = true;
        while (_free.TryDequeue(out var sender))
        {
            sender.Dispose();
        }
    }
}
