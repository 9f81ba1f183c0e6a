using System.Net.Sockets;

namespace SocketIo.Engine.Transport;

internal sealed partial class TransportConnection
{
    private readonly ISocketReceiver _receiver;
    private long _bytesReceived;

    /// <summary>Bytes received on this connection.</summary>
    public long BytesReceived => Interlocked.Read(ref _bytesReceived);

    private async Task ReceiveLoopAsync()
    {
        var writer = _input.Writer;
        try
        {
            while (true)
            {
                if (_options.WaitForDataBeforeAllocatingBuffer)
                {
                    // Zero-byte receive: completes when data or FIN arrives, so an idle connection
                    // holds no buffer while it waits.
                    var ready = await _receiver.ReceiveAsync(_socket, Memory<byte>.Empty).ConfigureAwait(false);
                    if (!ready.Succeeded)
                    {
                        OnReceiveError(ready.Error);
                        break;
                    }
                }

                var buffer = writer.GetMemory(1);
                var result = await _receiver.ReceiveAsync(_socket, buffer).ConfigureAwait(false);
                if (!result.Succeeded)
                {
                    OnReceiveError(result.Error);
                    break;
                }

                if (result.BytesTransferred == 0)
                {
                    // FIN: the peer sends no more. Output may continue; the upper layer sees the input end.
                    break;
                }

                writer.Advance(result.BytesTransferred);
                Interlocked.Add(ref _bytesReceived, result.BytesTransferred);
                _listener.Metrics.AddReceived(result.BytesTransferred);

                // Awaiting the flush is the backpressure: past the pause threshold it waits for the reader.
                var flush = await writer.FlushAsync().ConfigureAwait(false);
                if (flush.IsCompleted || flush.IsCanceled)
                {
                    break;
                }
            }
        }
        catch (ObjectDisposedException)
        {
            // Closed while starting a receive: the close path already did the rest.
        }
        catch (Exception ex)
        {
            TransportLog.ReceiveFailed(_logger, Id, ex);
            Close(ConnectionCloseReason.TransportError);
        }
        finally
        {
            await writer.CompleteAsync().ConfigureAwait(false);
        }
    }

    private void OnReceiveError(SocketError error)
    {
        if (error is SocketError.OperationAborted || CloseReason != ConnectionCloseReason.None)
        {
            return;
        }

        TransportLog.ReceiveError(_logger, Id, error);
        Close(ConnectionCloseReason.TransportError);
    }
}
