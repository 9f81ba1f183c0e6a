using System.Buffers;
using System.Collections.Concurrent;

namespace SocketIo.Engine.Buffers;

/// <summary>
/// A <see cref="MemoryPool{T}"/> of fixed-size blocks on the pinned object heap, for the input pipes:
/// receives into pinned memory need no per-operation pinning, and blocks are reused instead of allocated.
/// </summary>
/// <remarks>Thread-safe. Retains at most <c>maxRetainedBlocks</c> free blocks; the rest go to the GC.</remarks>
internal sealed class PinnedBlockMemoryPool : MemoryPool<byte>
{
    /// <summary>Size of every block; the pipe asks for larger buffers from the array pool instead.</summary>
    public const int BlockSize = 4096;

    private readonly ConcurrentQueue<PinnedBlock> _free = new();
    private readonly int _maxRetainedBlocks;
    private int _retained;
    private long _outstanding;
    private volatile bool _disposed;

    /// <summary>Creates a pool that keeps at most <paramref name="maxRetainedBlocks"/> free blocks.</summary>
    public PinnedBlockMemoryPool(int maxRetainedBlocks = 4096)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxRetainedBlocks);
        _maxRetainedBlocks = maxRetainedBlocks;
    }

    /// <inheritdoc />
    public override int MaxBufferSize => BlockSize;

    /// <summary>Blocks rented and not yet returned.</summary>
    public long Outstanding => Interlocked.Read(ref _outstanding);

    /// <inheritdoc />
    public override IMemoryOwner<byte> Rent(int minBufferSize = -1)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minBufferSize, BlockSize);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_free.TryDequeue(out var block))
        {
            Interlocked.Decrement(ref _retained);
        }
        else
        {
            block = new PinnedBlock(this, BlockSize);
        }

        block.MarkRented();
        Interlocked.Increment(ref _outstanding);
        return block;
    }

    internal void Return(PinnedBlock block)
    {
        Interlocked.Decrement(ref _outstanding);
        if (_disposed || Interlocked.Increment(ref _retained) > _maxRetainedBlocks)
        {
            Interlocked.Decrement(ref _retained);
            return;
        }

        _free.Enqueue(block);
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        _disposed = true;
        _free.Clear();
    }
}
