using System.Net.Sockets;
using SocketIo.Engine.Buffers;

namespace SocketIo.Engine.Transport;

internal sealed partial class TransportConnection
{
    // One sender at a time holds the "sender role". Usually it is the producer whose frame found the queue idle:
    // it writes at once with non-blocking sends, on its own thread (or when its SendBatch ends, so one write
    // carries everything the batch queued). Only when the kernel takes no more (a slow reader) does the role pass
    // to the send loop, created on first need, which waits for the socket with async sends. Producers append to
    // _pending under QueueLock; the holder swaps _pending and _sending, taking everything queued in O(1) while
    // producers keep appending to the other array (corking without timers).
    private SharedFrame?[] _pending = [];
    private SharedFrame?[] _sending = [];
    private int _pendingCount;

    // The run being sent: _sending[_sendIndex.._sendCount), the first one _sendOffset bytes in; the role holder's.
    private int _sendIndex;
    private int _sendOffset;
    private int _sendCount;

    /// <summary>The next connection in the send batch that deferred this one (see <see cref="SendBatch"/>).</summary>
    internal TransportConnection? NextDeferred;
    private long _queuedBytes;
    private bool _senderIdle = true;
    private bool _outputClosed;
    private bool _outputCompleting;
    private bool _outputFinished;
    private TaskCompletionSource? _drained;
    private TaskCompletionSource? _finished;
    private Task? _sendLoop;
    private AsyncSignal? _sendSignal;
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

    /// <summary>True while nobody is sending: the next queued frame is written by its producer.</summary>
    internal bool IsSenderIdle
    {
        get
        {
            lock (QueueLock)
            {
                return _senderIdle;
            }
        }
    }

    /// <summary>True once a send had to wait for the kernel and the async send loop exists.</summary>
    internal bool HasSendLoop => Volatile.Read(ref _sendLoop) is not null;

    /// <summary>
    /// Reads, without the lock, the fields <see cref="Enqueue"/> reads (they lie on several cache lines) and returns the
    /// queue it would append to: a cache-warming hint for broadcasts, never a decision.
    /// </summary>
    internal SharedFrame?[]? WarmSendPath()
    {
        // Volatile reads are never dropped by the JIT even though only their sign is looked at.
        var queued = Volatile.Read(ref _queuedBytes) + Volatile.Read(ref _pendingCount);
        return _outputClosed || queued < 0 ? null : _pending;
    }

    /// <summary>
    /// Queues <paramref name="frame"/> for sending, taking a reference of its own (the caller keeps and later
    /// releases its own). Never blocks: when the queue was idle the frame is written at once with a
    /// non-blocking send (or when the caller's <see cref="SendBatch"/> ends); a full queue refuses.
    /// </summary>
    public EnqueueResult Enqueue(SharedFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var length = frame.Length;
        EnqueueResult result;
        bool claimed;
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
            claimed = _senderIdle;
            _senderIdle = false;
        }

        if (claimed && !SendBatch.TryDefer(this))
        {
            Drive();
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
        bool claimed;
        TaskCompletionSource drained;
        lock (QueueLock)
        {
            if (_drained is not null)
            {
                return _drained.Task;
            }

            drained = _drained = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            if (_outputFinished)
            {
                drained.TrySetResult();
                return drained.Task;
            }

            _outputClosed = true;
            _outputCompleting = true;
            claimed = _senderIdle;
            _senderIdle = false;
        }

        if (claimed)
        {
            Drive();
        }

        return drained.Task;
    }

    /// <summary>Called by the batch that deferred this connection: it holds the sender role now.</summary>
    internal void FlushDeferred() => Drive();

    private void CloseOutputQueue()
    {
        bool claimed;
        lock (QueueLock)
        {
            _outputClosed = true;
            claimed = _senderIdle;
            _senderIdle = false;
        }

        if (claimed)
        {
            Drive();
        }
    }

    /// <summary>Completes once the output is finished: everything sent and FIN, or dropped by a close.</summary>
    private Task OutputFinishedAsync()
    {
        lock (QueueLock)
        {
            return _outputFinished ? Task.CompletedTask : (_finished ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
        }
    }

    // The caller holds the sender role. Sends until the queue is empty (then gives the role back), hands it to the
    // send loop when the kernel takes no more, or finishes the output once it is closed.
    private void Drive()
    {
        while (true)
        {
            var finish = false;
            lock (QueueLock)
            {
                if (_sendIndex == _sendCount)
                {
                    if (_pendingCount > 0 && CloseReason == ConnectionCloseReason.None)
                    {
                        TakePending();
                    }
                    else if (_outputClosed)
                    {
                        finish = true;
                    }
                    else
                    {
                        _senderIdle = true;
                        return;
                    }
                }
            }

            if (!finish)
            {
                if (TrySendInline(SendBatch.Staging))
                {
                    continue;
                }

                if (CloseReason == ConnectionCloseReason.None)
                {
                    // EAGAIN: the send loop waits until the kernel takes the rest.
                    WakeSendLoop();
                    return;
                }
            }

            if (_sendLoop is null)
            {
                FinishOutput();
            }
            else
            {
                _sendSignal!.Set();
            }

            return;
        }
    }

    private void WakeSendLoop()
    {
        if (_sendLoop is null)
        {
            _sendSignal = new AsyncSignal();
            Volatile.Write(ref _sendLoop, SendLoopAsync());
        }
        else
        {
            _sendSignal!.Set();
        }
    }

    private void TakePending()
    {
        (_pending, _sending) = (_sending, _pending);
        _sendCount = _pendingCount;
        _sendIndex = 0;
        _sendOffset = 0;
        _pendingCount = 0;
    }

    // Copies the run side by side into the staging buffer and sends it without blocking; true when all of it
    // was sent. Frames too large to stage go straight from their own arrays.
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

                var error = NonBlockingSend.Send(_socket, chunk, out var sent);
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

    private void GrowPending()
    {
        // Small first: an idle connection keeps both queue arrays, and it rarely has more than a frame or two queued.
        var size = Math.Min(Math.Max(2, _pending.Length * 2), _options.MaxQueuedFrames);
        Array.Resize(ref _pending, size);
    }

    // Runs while it holds the sender role: it got it from Drive with a run the kernel would not take at once, or
    // is woken again for the same reason or to finish. Parked (role given back) it costs no sender or thread.
    private async Task SendLoopAsync()
    {
        // Leave the producer's thread at once: it may hold locks of the layers above.
        await Task.Yield();
        SocketSender? sender = null;
        try
        {
            while (true)
            {
                if (_sendIndex < _sendCount && CloseReason == ConnectionCloseReason.None)
                {
                    sender ??= _listener.SenderPool.Rent();
                    var result = await sender.SendAsync(_socket, _sending, _sendIndex, _sendOffset, _sendCount, out _).ConfigureAwait(false);
                    if (!result.Succeeded || result.BytesTransferred == 0)
                    {
                        OnSendError(result.Error);
                        return;
                    }

                    OnSent(result.BytesTransferred);
                    continue;
                }

                var wait = default(ValueTask);
                var parked = false;
                lock (QueueLock)
                {
                    if (CloseReason != ConnectionCloseReason.None)
                    {
                        return;
                    }

                    if (_pendingCount > 0)
                    {
                        TakePending();
                    }
                    else if (_outputClosed)
                    {
                        return;
                    }
                    else
                    {
                        _senderIdle = true;
                        wait = _sendSignal!.Arm();
                        parked = true;
                    }
                }

                if (parked)
                {
                    // Give the sender (and its staging buffer) back while parked.
                    if (sender is not null)
                    {
                        _listener.SenderPool.Return(sender);
                        sender = null;
                    }

                    await wait.ConfigureAwait(false);
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

    // The role holder's last act: drops what was not sent, half-closes after a graceful close, wakes waiters.
    private void FinishOutput()
    {
        TaskCompletionSource? drained;
        TaskCompletionSource? finished;
        int pendingCount;
        bool graceful;
        lock (QueueLock)
        {
            if (_outputFinished)
            {
                return;
            }

            _outputClosed = true;
            _outputFinished = true;
            drained = _drained;
            finished = _finished;
            graceful = _outputCompleting && _pendingCount == 0 && _sendIndex == _sendCount;
            pendingCount = _pendingCount;
            _pendingCount = 0;
            _queuedBytes = 0;
        }

        ReleaseRange(_sending, _sendIndex, _sendCount);
        _sendIndex = _sendCount = 0;
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
        finished?.TrySetResult();
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
