using System.Net.Sockets;
using SocketIo.Engine.Buffers;

namespace SocketIo.Engine.Transport;

internal sealed partial class TransportConnection
{
    private readonly ISocketReceiver _receiver;
    private long _bytesReceived;

    /// <summary>Bytes received on this connection.</summary>
    public long BytesReceived => Interlocked.Read(ref _bytesReceived);

    /// <summary>The listener's options.</summary>
    internal TransportOptions Options => _options;

    /// <summary>The pool of the input's 4 KiB blocks.</summary>
    internal PinnedBlockMemoryPool InputBufferPool => _listener.MemoryPool;

    /// <summary>One receive for the input (<see cref="SocketInputReader"/>); an empty buffer waits until data or FIN arrives.</summary>
    internal ValueTask<SocketResult> ReceiveAsync(Memory<byte> buffer) => _receiver.ReceiveAsync(_socket, buffer);

    internal void OnBytesReceived(int count)
    {
        Interlocked.Add(ref _bytesReceived, count);
        _listener.Metrics.AddReceived(count);
    }

    internal void OnReceiveError(SocketError error)
    {
        if (error is SocketError.OperationAborted || CloseReason != ConnectionCloseReason.None)
        {
            return;
        }

        TransportLog.ReceiveError(_logger, Id, error);
        Close(ConnectionCloseReason.TransportError);
    }

    internal void OnReceiveFailed(Exception exception)
    {
        // Disposed while starting a receive: the close path already did the rest.
        if (exception is ObjectDisposedException)
        {
            return;
        }

        TransportLog.ReceiveFailed(_logger, Id, exception);
        Close(ConnectionCloseReason.TransportError);
    }
}
