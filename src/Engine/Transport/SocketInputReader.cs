using System.Buffers;
using System.IO.Pipelines;
using System.Runtime.InteropServices;
using System.Threading.Tasks.Sources;
using SocketIo.Engine.Buffers;

namespace SocketIo.Engine.Transport;

/// <summary>
/// The input of a <see cref="TransportConnection"/>: a <see cref="PipeReader"/> that receives from the socket only
/// when its reader asks for more, into one contiguous buffer. No receive loop runs ahead of the reader and no pipe
/// sits between them, so an idle connection costs this object and one pending zero-byte receive, and holds no buffer.
/// </summary>
/// <remarks>
/// <para>
/// Buffer: when nothing unconsumed is held, a read first waits with a zero-byte receive (see
/// <see cref="TransportOptions.WaitForDataBeforeAllocatingBuffer"/>), then rents a 4 KiB block of the listener's
/// <see cref="PinnedBlockMemoryPool"/>; once everything is consumed the block goes back. A reader that examined
/// everything but still needs more gets room by moving the unconsumed bytes to the front of the buffer, or by a bigger
/// array of <see cref="ArrayPool{T}.Shared"/>. At most <see cref="TransportOptions.InputPauseThreshold"/> unconsumed
/// bytes are held: past that nothing is received (TCP backpressure on the peer), and a read that asks for more waits
/// until the connection closes or the read is cancelled.
/// </para>
/// <para>
/// Threads: one reader (<see cref="ReadAsync"/>, <see cref="TryRead"/>, <see cref="AdvanceTo(SequencePosition, SequencePosition)"/>,
/// <see cref="Complete"/>); <see cref="CancelPendingRead"/> and <see cref="OnConnectionClosed"/> from any thread. A
/// receive that completes later runs the reader's continuation inline on the completing (thread-pool) thread. State is
/// guarded by this object's monitor (an internal type nobody else locks), never held while user code runs.
/// </para>
/// </remarks>
internal sealed class SocketInputReader : PipeReader, IValueTaskSource<ReadResult>
{
    // A free tail shorter than this is not worth a receive: compact or grow first.
    private const int MinReceiveSize = 512;

    // Pool and limits are read through the connection: every field here is paid by every idle connection.
    private readonly TransportConnection _connection;

    // The pending read; its result is whether the read was cancelled (the rest is read from the state on GetResult).
    private ManualResetValueTaskSourceCore<bool> _read;
    private CancellationTokenRegistration _readCancellation;
    private ValueTask<SocketResult> _receive;
    private Action? _onReceiveCompleted;
    private TaskCompletionSource? _receiveStopped;

    // Unconsumed bytes are _array[_start.._end); the reader examined up to _examined. _block is set when _array is a
    // pool block (else it came from the shared array pool).
    private byte[]? _array;
    private PinnedBlock? _block;
    private int _start;
    private int _end;
    private int _examined;

    private Receiving _receiving;
    private bool _readPending;
    private bool _cancelRequested;
    private bool _dataReady;
    private bool _ended;
    private bool _readerCompleted;

    internal SocketInputReader(TransportConnection connection) => _connection = connection;

    private enum Receiving : byte
    {
        None,
        ZeroByte,
        Data,
    }

    private enum PumpOutcome
    {
        /// <summary>The pending read was claimed: its result is to be delivered now.</summary>
        Ready,

        /// <summary>A receive (or the connection's close, when paused) will complete the read later.</summary>
        Waiting,

        /// <summary>Someone else (a cancellation, the close) already completed the read.</summary>
        Stopped,
    }

    private int MaxBuffered => (int)Math.Min(_connection.Options.InputPauseThreshold, 1 << 28);

    /// <summary>Unconsumed bytes held (for tests).</summary>
    internal int BufferedBytes
    {
        get
        {
            lock (this)
            {
                return _end - _start;
            }
        }
    }

    /// <inheritdoc />
    public override ValueTask<ReadResult> ReadAsync(CancellationToken cancellationToken = default)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<ReadResult>(cancellationToken);
        }

        lock (this)
        {
            ThrowIfReaderCompleted();
            if (_readPending)
            {
                throw new InvalidOperationException("A read is already pending.");
            }

            if (TryGetResultNow(out var result))
            {
                return new ValueTask<ReadResult>(result);
            }

            _read.Reset();
            _readPending = true;
        }

        if (cancellationToken.CanBeCanceled)
        {
            RegisterCancellation(cancellationToken);
        }

        if (Pump(null, out var ready) == PumpOutcome.Ready)
        {
            return new ValueTask<ReadResult>(ready);
        }

        return new ValueTask<ReadResult>(this, _read.Version);
    }

    /// <inheritdoc />
    public override bool TryRead(out ReadResult result)
    {
        lock (this)
        {
            ThrowIfReaderCompleted();
            if (!_readPending && (_cancelRequested || _start < _end || _ended))
            {
                // Like the pipe: unconsumed bytes count even when examined.
                result = new ReadResult(Buffered(), ConsumeCancelRequest(), _ended);
                return true;
            }

            result = default;
            return false;
        }
    }

    /// <inheritdoc />
    public override void AdvanceTo(SequencePosition consumed) => AdvanceTo(consumed, consumed);

    /// <inheritdoc />
    public override void AdvanceTo(SequencePosition consumed, SequencePosition examined)
    {
        lock (this)
        {
            ThrowIfReaderCompleted();
            var consumedOffset = OffsetOf(consumed);
            var examinedOffset = OffsetOf(examined);
            if (examinedOffset < consumedOffset)
            {
                throw new InvalidOperationException("The examined position cannot be before the consumed position.");
            }

            _start = consumedOffset;
            _examined = examinedOffset;
            ReleaseBufferIfUnused();
        }
    }

    /// <inheritdoc />
    public override void CancelPendingRead()
    {
        lock (this)
        {
            if (!_readPending)
            {
                _cancelRequested = true;
                return;
            }
        }

        CompleteRead(canceled: true);
    }

    /// <inheritdoc />
    public override void Complete(Exception? exception = null)
    {
        lock (this)
        {
            if (_readerCompleted)
            {
                return;
            }

            _readerCompleted = true;
            _start = _end;
            ReleaseBufferIfUnused();
        }
    }

    /// <summary>
    /// The connection closed (its socket is disposed): the input ends. A pending read completes: by the aborted
    /// receive when one is in flight, else (paused) on the thread pool, since the closer may be any upper-layer thread.
    /// </summary>
    internal void OnConnectionClosed()
    {
        lock (this)
        {
            _ended = true;
            if (!_readPending || _receiving != Receiving.None)
            {
                return;
            }
        }

        ThreadPool.UnsafeQueueUserWorkItem(static reader => reader.CompleteRead(canceled: false), this, preferLocal: false);
    }

    /// <summary>Completes once no receive is in flight; call after the connection closed (no receive starts then).</summary>
    internal Task WhenReceiveStoppedAsync()
    {
        lock (this)
        {
            return _receiving == Receiving.None ? Task.CompletedTask : (_receiveStopped ??= new(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
        }
    }

    ReadResult IValueTaskSource<ReadResult>.GetResult(short token)
    {
        var canceled = _read.GetResult(token);
        lock (this)
        {
            return new ReadResult(Buffered(), canceled, _ended);
        }
    }

    ValueTaskSourceStatus IValueTaskSource<ReadResult>.GetStatus(short token) => _read.GetStatus(token);

    void IValueTaskSource<ReadResult>.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _read.OnCompleted(continuation, state, token, flags);

    /// <summary>
    /// Takes in the receive that just completed (if any) and receives until a result is ready or a receive has to
    /// wait, one lock per step. <see cref="PumpOutcome.Ready"/> means this call claimed the pending read and
    /// <paramref name="ready"/> holds its result. Runs on the reader's thread inside <see cref="ReadAsync"/>, or on
    /// the thread that completed the previous receive.
    /// </summary>
    private PumpOutcome Pump(SocketResult? received, out ReadResult ready)
    {
        while (true)
        {
            PumpOutcome outcome;
            Memory<byte> memory = default;
            TaskCompletionSource? stopped = null;
            CancellationTokenRegistration registration = default;
            ready = default;
            var receiving = false;
            lock (this)
            {
                if (received is { } result)
                {
                    TakeIn(result);
                    stopped = _receiveStopped;
                }

                if (!_readPending)
                {
                    outcome = PumpOutcome.Stopped;
                }
                else if (_ended || _end > _examined)
                {
                    outcome = PumpOutcome.Ready;
                    _readPending = false;
                    registration = _readCancellation;
                    _readCancellation = default;
                    ready = new ReadResult(Buffered(), false, _ended);
                }
                else if (_receiving != Receiving.None || _end - _start >= MaxBuffered)
                {
                    // Joins a receive left in flight by a cancelled read; or paused: only a close or a cancel ends this read.
                    outcome = PumpOutcome.Waiting;
                }
                else
                {
                    outcome = PumpOutcome.Waiting;
                    receiving = true;
                    if (_array is null && _connection.Options.WaitForDataBeforeAllocatingBuffer && !_dataReady)
                    {
                        _receiving = Receiving.ZeroByte;
                    }
                    else
                    {
                        memory = FreeSpace();
                        _receiving = Receiving.Data;
                    }
                }
            }

            if (received is { } done)
            {
                Report(done);
                stopped?.TrySetResult();
                received = null;
            }

            if (!receiving)
            {
                registration.Unregister();
                return outcome;
            }

            try
            {
                var receive = _connection.ReceiveAsync(memory);
                if (!receive.IsCompleted)
                {
                    _receive = receive;
                    receive.ConfigureAwait(false).GetAwaiter().UnsafeOnCompleted(_onReceiveCompleted ??= OnReceiveCompleted);
                    return PumpOutcome.Waiting;
                }

                received = receive.Result;
            }
            catch (Exception ex)
            {
                OnReceiveFailed(ex);
            }
        }
    }

    private void OnReceiveCompleted()
    {
        var receive = _receive;
        _receive = default;
        SocketResult? result = null;
        try
        {
            result = receive.Result;
        }
        catch (Exception ex)
        {
            OnReceiveFailed(ex);
        }

        if (Pump(result, out _) == PumpOutcome.Ready)
        {
            _read.SetResult(false);
        }
    }

    /// <summary>Applies a finished receive to the state; under the lock.</summary>
    private void TakeIn(SocketResult result)
    {
        var kind = _receiving;
        _receiving = Receiving.None;
        if (!result.Succeeded)
        {
            _ended = true;
        }
        else if (kind == Receiving.ZeroByte)
        {
            _dataReady = true;
        }
        else if (result.BytesTransferred == 0)
        {
            // FIN: the peer sends no more; what is buffered is still read.
            _ended = true;
        }
        else
        {
            _end += result.BytesTransferred;
            _dataReady = false;
        }

        ReleaseBufferIfUnused();
    }

    /// <summary>Counts a finished receive, or reports its error to the connection; outside the lock.</summary>
    private void Report(SocketResult result)
    {
        if (!result.Succeeded)
        {
            _connection.OnReceiveError(result.Error);
        }
        else if (result.BytesTransferred > 0)
        {
            _connection.OnBytesReceived(result.BytesTransferred);
        }
    }

    private void OnReceiveFailed(Exception exception)
    {
        TaskCompletionSource? stopped;
        lock (this)
        {
            _receiving = Receiving.None;
            _ended = true;
            ReleaseBufferIfUnused();
            stopped = _receiveStopped;
        }

        _connection.OnReceiveFailed(exception);
        stopped?.TrySetResult();
    }

    /// <summary>Delivers the pending read unless someone else already did.</summary>
    private void CompleteRead(bool canceled)
    {
        if (TryClaimRead())
        {
            _read.SetResult(canceled);
        }
    }

    private bool TryClaimRead()
    {
        CancellationTokenRegistration registration;
        lock (this)
        {
            if (!_readPending)
            {
                return false;
            }

            _readPending = false;
            registration = _readCancellation;
            _readCancellation = default;
        }

        registration.Unregister();
        return true;
    }

    private void RegisterCancellation(CancellationToken cancellationToken)
    {
        var registration = cancellationToken.UnsafeRegister(
            static (state, token) =>
            {
                var reader = (SocketInputReader)state!;
                if (reader.TryClaimRead())
                {
                    reader._read.SetException(new OperationCanceledException(token));
                }
            },
            this);
        lock (this)
        {
            if (_readPending)
            {
                _readCancellation = registration;
                return;
            }
        }

        registration.Unregister();
    }

    /// <summary>True (with the result) when a read needs no receive: a cancel request, unexamined bytes, or the end.</summary>
    private bool TryGetResultNow(out ReadResult result)
    {
        if (_cancelRequested || _end > _examined || _ended)
        {
            result = new ReadResult(Buffered(), ConsumeCancelRequest(), _ended);
            return true;
        }

        result = default;
        return false;
    }

    private bool ConsumeCancelRequest()
    {
        var canceled = _cancelRequested;
        _cancelRequested = false;
        return canceled;
    }

    private ReadOnlySequence<byte> Buffered() =>
        _array is null ? ReadOnlySequence<byte>.Empty : new ReadOnlySequence<byte>(_array, _start, _end - _start);

    private int OffsetOf(SequencePosition position)
    {
        if (_array is null)
        {
            // Only the empty sequence was handed out.
            return 0;
        }

        var offset = position.GetInteger();
        if (!ReferenceEquals(position.GetObject(), _array) || offset < _start || offset > _end)
        {
            throw new InvalidOperationException("The position does not belong to the last read's buffer.");
        }

        return offset;
    }

    /// <summary>Room for a receive at <see cref="_end"/>, renting, compacting or growing the buffer as needed.</summary>
    private Memory<byte> FreeSpace()
    {
        var maxBuffered = MaxBuffered;
        if (_array is null)
        {
            var block = (PinnedBlock)_connection.InputBufferPool.Rent();
            MemoryMarshal.TryGetArray<byte>(block.Memory, out var segment);
            _block = block;
            _array = segment.Array!;
            _start = _end = _examined = 0;
        }
        else if (_array.Length - _end < MinReceiveSize)
        {
            var buffered = _end - _start;
            if (buffered <= _array.Length / 2 || _array.Length >= maxBuffered)
            {
                if (_start > 0)
                {
                    _array.AsSpan(_start, buffered).CopyTo(_array);
                }
            }
            else
            {
                var bigger = ArrayPool<byte>.Shared.Rent(Math.Min(_array.Length * 2, maxBuffered));
                _array.AsSpan(_start, buffered).CopyTo(bigger);
                ReturnBuffer();
                _array = bigger;
            }

            _examined -= _start;
            _end = buffered;
            _start = 0;
        }

        var limit = Math.Min(_array.Length, _start + maxBuffered);
        return _block is not null ? _block.Memory[_end..limit] : _array.AsMemory(_end, limit - _end);
    }

    /// <summary>Returns the buffer once it holds nothing the reader still needs and no receive writes into it.</summary>
    private void ReleaseBufferIfUnused()
    {
        if (_array is not null && _receiving == Receiving.None && (_start == _end || _readerCompleted))
        {
            ReturnBuffer();
            _array = null;
            _start = _end = _examined = 0;
        }
    }

    private void ReturnBuffer()
    {
        if (_block is not null)
        {
            _block.Dispose();
            _block = null;
        }
        else if (_array is not null)
        {
            ArrayPool<byte>.Shared.Return(_array);
        }
    }

    private void ThrowIfReaderCompleted()
    {
        if (_readerCompleted)
        {
            throw new InvalidOperationException("Reading is not allowed after the reader was completed.");
        }
    }
}
