using System.Net.Sockets;
using SocketIo.Engine.Buffers;

namespace SocketIo.Engine.Transport;

internal sealed partial class TransportConnection
{
    // Producers append to _pending under QueueLock; the send loop swaps _pending and _sending, so it takes
    // everything queued in O(1) and sends it while producers keep appending to the other array (corking
    // without timers: what arrives during a send joins the next one).
    private readonly AsyncSignal _sendSignal = new();
    private SharedFrame?[] _pending = [];
    private SharedFrame?[] _sending = [];
    private int _pendingCount;

    // The run being sent: _sending[_sendIndex.._sendCount), the first one _sendOffset bytes in. Owned by whoever
    // holds the sender role: the send loop, or a corked batch that took the wake-up (see FlushDeferred).
    private int _sendIndex;
    private int _sendOffset;
    private int _sendCount;

    /// <summary>The next connection in the send batch that deferred this one's wake-up (see <see cref="SendBatch"/>).</summary>
    internal TransportConnection? NextDeferred;
    private long _queuedBytes;
    private bool _sendWaiting;
    private bool _outputClosed;
    private bool _outputCompleting;
    private bool _sendLoopExited;
    private TaskCompletionSource? _drained;
    private long _bytesSent;
    private long _framesSent;
    private long _sendCalls;

    // The monitor of the connection itself (internal type, nobody else locks it): a broadcast touches every
    // recipient's queue, and a separate lock object would be one more cache miss (and 40 B) per connection.
    private object QueueLock => this;

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

    /// <summary>True while the send loop waits for frames (tests use it to know the next frame wakes it).</summary>
    internal bool IsSendLoopParked
    {
        get
        {
            lock (QueueLock)
            {
                return _sendWaiting;
            }
        }
    }

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
        lock (QueueLock)
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

        if (wake && !SendBatch.TryDefer(this))
        {
            _sendSignal.Set();
        }

        return result;
    }

    /// <summary>
    /// Called by the batch that deferred this connection's wake-up: the send loop is parked and nobody else may
    /// send, so this thread writes the queue with non-blocking sends. Whatever the kernel does not take at once
    /// (or a close) is handed to the send loop.
    /// </summary>
    internal void FlushDeferred(byte[] staging)
    {
        lock (QueueLock)
        {
            if (_pendingCount > 0 && !_outputClosed)
            {
                TakePending();
            }
        }

        var handOff = _sendIndex < _sendCount && !TrySendInline(staging);
        if (!handOff)
        {
            lock (QueueLock)
            {
                if (_pendingCount == 0 && !_outputClosed)
                {
                    // Everything went out: the send loop stays parked and waits for the next wake-up.
                    _sendWaiting = true;
                    return;
                }
            }
        }

        _sendSignal.Set();
    }

    private void TakePending()
    {
        (_pending, _sending) = (_sending, _pending);
        _sendCount = _pendingCount;
        _sendIndex = 0;
        _sendOffset = 0;
        _pendingCount = 0;
    }

    // Copies the run side by side into the staging buffer and sends it without blocking; true when
    // all of it was sent. Frames too large to stage go straight from their own arrays.
    private bool TrySendInline(byte[] staging)
    {
        try
        {
            while (_sendIndex < _sendCount)
            {
                var staged = 0;
                ReadOnlySpan<byte> chunk;
                var first = _sending[_sendIndex]!;
                if (first.Length - _sendOffset > staging.Length)
                {
                    chunk = first.Span[_sendOffset..];
                }
                else
                {
                    var offset = _sendOffset;
                    for (var i = _sendIndex; i < _sendCount; i++, offset = 0)
                    {
                        var bytes = _sending[i]!.Span[offset..];
                        if (staged + bytes.Length > staging.Length)
                        {
                            break;
                        }

                        bytes.CopyTo(staging.AsSpan(staged));
                        staged += bytes.Length;
                    }

                    chunk = staging.AsSpan(0, staged);
                }

                var sent = _socket.Send(chunk, SocketFlags.None, out var error);
                if (error != SocketError.Success)
                {
                    if (error != SocketError.WouldBlock)
                    {
                        OnSendError(error);
                    }

                    return false;
                }

                OnSent(sent);
                if (sent < chunk.Length)
                {
                    return false;
                }
            }

            return true;
        }
        catch (ObjectDisposedException)
        {
            return false;
        }
    }

    private void OnSent(int bytes)
    {
        Interlocked.Increment(ref _sendCalls);
        var frames = AdvanceSent(bytes);
        lock (QueueLock)
        {
            Volatile.Write(ref _queuedBytes, _queuedBytes - bytes);
        }

        Interlocked.Add(ref _bytesSent, bytes);
        Interlocked.Add(ref _framesSent, frames);
        _listener.Metrics.AddSend(bytes, frames, 1);
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
        lock (QueueLock)
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
        lock (QueueLock)
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
        try
        {
            while (CloseReason == ConnectionCloseReason.None)
            {
                var wait = default(ValueTask);
                var idle = false;
                lock (QueueLock)
                {
                    if (_sendIndex < _sendCount)
                    {
                        // A corked batch handed over the rest of a run the kernel did not take at once.
                    }
                    else if (_pendingCount == 0)
                    {
                        if (_outputClosed)
                        {
                            break;
                        }

                        _sendWaiting = true;
                        wait = _sendSignal.Arm();
                        idle = true;
                    }
                    else
                    {
                        TakePending();
                    }
                }

                if (idle)
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
                while (_sendIndex < _sendCount)
                {
                    var sending = sender.SendAsync(_socket, _sending, _sendIndex, _sendOffset, _sendCount, out _);
                    var result = await sending.ConfigureAwait(false);
                    if (!result.Succeeded || result.BytesTransferred == 0)
                    {
                        OnSendError(result.Error);
                        return;
                    }

                    OnSent(result.BytesTransferred);
                }
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

            ReleaseRange(_sending, _sendIndex, _sendCount);
            _sendIndex = _sendCount = 0;
            FinishOutput();
        }
    }

    // Releases each frame whose last byte was sent; returns how many completed.
    private int AdvanceSent(int sent)
    {
        var completed = 0;
        while (sent > 0)
        {
            var frame = _sending[_sendIndex]!;
            var remaining = frame.Length - _sendOffset;
            if (sent < remaining)
            {
                _sendOffset += sent;
                break;
            }

            sent -= remaining;
            _sending[_sendIndex++] = null;
            _sendOffset = 0;
            frame.Release();
            completed++;
        }

        if (_sendIndex == _sendCount)
        {
            _sendIndex = _sendCount = 0;
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
        lock (QueueLock)
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
