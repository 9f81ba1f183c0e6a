using System.Net.Sockets;
using SocketIo.Engine.Buffers;

namespace SocketIo.Engine.Transport;

internal sealed partial class TransportConnection
{
    // Producers append to _pending under _queueLock; the send loop swaps _pending and _sending, so it takes
    // everything queued in O(1) and sends it while producers keep appending to the other array (corking
    // without timers: what arrives during a send joins the next one).
    private readonly Lock _queueLock = new();
    private readonly AsyncSignal _sendSignal = new();
    private SharedFrame?[] _pending = [];
    private SharedFrame?[] _sending = [];
    private int _pendingCount;
    private long _queuedBytes;
    private bool _sendWaiting;
    private bool _outputClosed;
    private bool _outputCompleting;
    private bool _sendLoopExited;
    private TaskCompletionSource? _drained;
    private long _bytesSent;
    private long _framesSent;
    private long _sendCalls;

    /// <summary>Bytes queued or in flight, not yet handed to the kernel.</summary>
    public long QueuedBytes => Volatile.Read(ref _queuedBytes);

    /// <summary>True while <see cref="QueuedBytes"/> is above <see cref="TransportOptions.OutputHighWaterMark"/>.</summary>
    public bool IsOutputCongested => QueuedBytes > _options.OutputHighWaterMark;

    /// <summary>Bytes handed to the kernel.</summary>
    public long BytesSent => Interlocked.Read(ref _bytesSent);

    /// <summary>Frames fully handed to the kernel.</summary>
    public long FramesSent => Interlocked.Read(ref _framesSent);

    /// <summary>Send calls made; <see cref="FramesSent"/> / <see cref="SendCalls"/> is messages per send.</summary>
    public long SendCalls => Interlocked.Read(ref _sendCalls);

    /// <summary>
    /// Queues <paramref name="frame"/> for sending, taking a reference of its own (the caller keeps and later
    /// releases its own). Never blocks; a full queue refuses instead.
    /// </summary>
    public EnqueueResult Enqueue(SharedFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var length = frame.Length;
        EnqueueResult result;
        bool wake;
        lock (_queueLock)
        {
            if (_outputClosed)
            {
                return EnqueueResult.RejectedClosed;
            }

            var queued = _queuedBytes + length;
            if (length == 0)
            {
                return queued > _options.OutputHighWaterMark ? EnqueueResult.AcceptedOverHighWater : EnqueueResult.Accepted;
            }

            // A lone frame larger than the limit still goes: refusing it forever would help nobody, and
            // its memory is already allocated by the caller.
            if ((_queuedBytes > 0 && queued > _options.OutputHardLimit) || _pendingCount >= _options.MaxQueuedFrames)
            {
                return EnqueueResult.RejectedOverLimit;
            }

            if (_pendingCount == _pending.Length)
            {
                GrowPending();
            }

            frame.AddRef();
            _pending[_pendingCount++] = frame;
            Volatile.Write(ref _queuedBytes, queued);
            result = queued > _options.OutputHighWaterMark ? EnqueueResult.AcceptedOverHighWater : EnqueueResult.Accepted;
            wake = _sendWaiting;
            _sendWaiting = false;
        }

        if (wake)
        {
            _sendSignal.Set();
        }

        return result;
    }

    /// <summary>Copies <paramref name="data"/> into a pooled frame and queues it: for small one-off responses.</summary>
    public EnqueueResult Write(ReadOnlySpan<byte> data)
    {
        var frame = _options.FramePool.RentCopy(data);
        var result = Enqueue(frame);
        frame.Release();
        return result;
    }

    /// <summary>
    /// Refuses further frames, sends everything queued, then half-closes (FIN). Completes when done, or when
    /// the connection closed first; it never throws for a closed connection.
    /// </summary>
    public Task CloseOutputAsync()
    {
        bool wake;
        TaskCompletionSource drained;
        lock (_queueLock)
        {
            if (_drained is not null)
            {
                return _drained.Task;
            }

            drained = _drained = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            if (_sendLoopExited)
            {
                drained.TrySetResult();
                return drained.Task;
            }

            _outputClosed = true;
            _outputCompleting = true;
            wake = _sendWaiting;
            _sendWaiting = false;
        }

        if (wake)
        {
            _sendSignal.Set();
        }

        return drained.Task;
    }

    private void CloseOutputQueue()
    {
        bool wake;
        lock (_queueLock)
        {
            _outputClosed = true;
            wake = _sendWaiting;
            _sendWaiting = false;
        }

        if (wake)
        {
            _sendSignal.Set();
        }
    }

    private void GrowPending()
    {
        // Small first: an idle connection keeps both queue arrays, and it rarely has more than a frame or two queued.
        var size = Math.Min(Math.Max(2, _pending.Length * 2), _options.MaxQueuedFrames);
        Array.Resize(ref _pending, size);
    }

    private async Task SendLoopAsync()
    {
        SocketSender? sender = null;
        var count = 0;
        var index = 0;
        try
        {
            while (CloseReason == ConnectionCloseReason.None)
            {
                var wait = default(ValueTask);
                lock (_queueLock)
                {
                    if (_pendingCount == 0)
                    {
                        if (_outputClosed)
                        {
                            break;
                        }

                        _sendWaiting = true;
                        wait = _sendSignal.Arm();
                    }
                    else
                    {
                        (_pending, _sending) = (_sending, _pending);
                        count = _pendingCount;
                        _pendingCount = 0;
                    }
                }

                if (count == 0)
                {
                    // Going idle: give the sender (and its staging buffer) back to the pool.
                    if (sender is not null)
                    {
                        _listener.SenderPool.Return(sender);
                        sender = null;
                    }

                    await wait.ConfigureAwait(false);
                    continue;
                }

                sender ??= _listener.SenderPool.Rent();
                index = 0;
                var offset = 0;
                while (index < count)
                {
                    var sending = sender.SendAsync(_socket, _sending, index, offset, count, out _);
                    var result = await sending.ConfigureAwait(false);
                    Interlocked.Increment(ref _sendCalls);
                    if (!result.Succeeded || result.BytesTransferred == 0)
                    {
                        OnSendError(result.Error);
                        return;
                    }

                    var frames = AdvanceSent(result.BytesTransferred, ref index, ref offset);
                    lock (_queueLock)
                    {
                        Volatile.Write(ref _queuedBytes, _queuedBytes - result.BytesTransferred);
                    }

                    Interlocked.Add(ref _bytesSent, result.BytesTransferred);
                    Interlocked.Add(ref _framesSent, frames);
                    _listener.Metrics.AddSend(result.BytesTransferred, frames, 1);
                }

                count = 0;
            }
        }
        catch (ObjectDisposedException)
        {
            // Closed while starting a send.
        }
        catch (Exception ex)
        {
            TransportLog.SendFailed(_logger, Id, ex);
            Close(ConnectionCloseReason.TransportError);
        }
        finally
        {
            if (sender is not null)
            {
                _listener.SenderPool.Return(sender);
            }

            ReleaseRange(_sending, index, count);
            FinishOutput();
        }
    }

    // Releases each frame whose last byte was sent; returns how many completed.
    private int AdvanceSent(int sent, ref int index, ref int offset)
    {
        var completed = 0;
        while (sent > 0)
        {
            var frame = _sending[index]!;
            var remaining = frame.Length - offset;
            if (sent < remaining)
            {
                offset += sent;
                break;
            }

            sent -= remaining;
            _sending[index++] = null;
            offset = 0;
            frame.Release();
            completed++;
        }

        return completed;
    }

    private void OnSendError(SocketError error)
    {
        if (error is not SocketError.OperationAborted && CloseReason == ConnectionCloseReason.None)
        {
            TransportLog.SendError(_logger, Id, error);
        }

        Close(ConnectionCloseReason.TransportError);
    }

    private void FinishOutput()
    {
        TaskCompletionSource? drained;
        int pendingCount;
        bool graceful;
        lock (_queueLock)
        {
            _outputClosed = true;
            _sendLoopExited = true;
            drained = _drained;
            graceful = _outputCompleting && _pendingCount == 0;
            pendingCount = _pendingCount;
            _pendingCount = 0;
            _queuedBytes = 0;
        }

        ReleaseRange(_pending, 0, pendingCount);
        if (graceful && CloseReason == ConnectionCloseReason.None)
        {
            try
            {
                _socket.Shutdown(SocketShutdown.Send);
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                // The peer or an abort closed it first; nothing left to flush.
            }
        }

        drained?.TrySetResult();
    }

    private static void ReleaseRange(SharedFrame?[] frames, int start, int end)
    {
        for (var i = start; i < end; i++)
        {
            frames[i]?.Release();
            frames[i] = null;
        }
    }
}
