using System.Buffers;
using System.Runtime.InteropServices;

namespace SocketIo.Engine.Buffers;

/// <summary>One reusable block of <see cref="PinnedBlockMemoryPool"/>.</summary>
internal sealed class PinnedBlock : IMemoryOwner<byte>
{
    private readonly PinnedBlockMemoryPool _pool;
    private int _rented;

    internal PinnedBlock(PinnedBlockMemoryPool pool, int size)
    {
        _pool = pool;
        var array = GC.AllocateUninitializedArray<byte>(size, pinned: true);
        Memory = MemoryMarshal.CreateFromPinnedArray(array, 0, size);
    }

    /// <inheritdoc />
    public Memory<byte> Memory { get; }

    internal void MarkRented() => Volatile.Write(ref _rented, 1);

    /// <summary>Returns the block to its pool; a second dispose is a bug in the caller and throws.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _rented, 0) == 0)
        {
            throw new InvalidOperationException("PinnedBlock returned twice.");
        }

        _pool.Return(this);
    }
}
