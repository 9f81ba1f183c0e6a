using System.Buffers;
using Microsoft.Extensions.ObjectPool;

namespace SocketIo.Engine.Buffers;

/// <summary>
/// Rents <see cref="SharedFrame"/>s: arrays come from an <see cref="ArrayPool{T}"/>, frame objects from a
/// bounded object pool, so a steady stream of frames allocates nothing.
/// </summary>
/// <remarks>Thread-safe. Counts rentals and returns so tests can assert that nothing leaked.</remarks>
internal sealed class SharedFramePool
{
    private readonly ArrayPool<byte> _arrays;
    private readonly DefaultObjectPool<SharedFrame> _frames;
    private long _rented;
    private long _returned;

    /// <summary>Creates a pool over <paramref name="arrays"/> (default <see cref="ArrayPool{T}.Shared"/>).</summary>
    public SharedFramePool(ArrayPool<byte>? arrays = null, int maxRetainedFrames = 1024)
    {
        _arrays = arrays ?? ArrayPool<byte>.Shared;
        _frames = new DefaultObjectPool<SharedFrame>(new FramePolicy(this), maxRetainedFrames);
    }

    /// <summary>The process-wide pool.</summary>
    public static SharedFramePool Shared { get; } = new();

    /// <summary>Frames rented and not yet returned.</summary>
    public long Outstanding => Interlocked.Read(ref _rented) - Interlocked.Read(ref _returned);

    /// <summary>Total frames ever rented.</summary>
    public long TotalRented => Interlocked.Read(ref _rented);

    /// <summary>Total frames ever returned (last reference released).</summary>
    public long TotalReturned => Interlocked.Read(ref _returned);

    /// <summary>Rents an empty frame with room for at least <paramref name="capacity"/> bytes and one reference.</summary>
    public SharedFrame Rent(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        var frame = _frames.Get();
        frame.Initialize(_arrays.Rent(Math.Max(capacity, 1)));
        Interlocked.Increment(ref _rented);
        return frame;
    }

    /// <summary>Rents a frame holding a copy of <paramref name="content"/>.</summary>
    public SharedFrame RentCopy(ReadOnlySpan<byte> content)
    {
        var frame = Rent(content.Length);
        content.CopyTo(frame.GetSpan(content.Length));
        frame.Advance(content.Length);
        return frame;
    }

    internal byte[] Grow(byte[] current, int used, int minimumLength)
    {
        var larger = _arrays.Rent(Math.Max(minimumLength, current.Length * 2));
        current.AsSpan(0, used).CopyTo(larger);
        if (current.Length > 0)
        {
            _arrays.Return(current);
        }

        return larger;
    }

    internal void Return(SharedFrame frame, byte[] array)
    {
        _arrays.Return(array);
        Interlocked.Increment(ref _returned);
        _frames.Return(frame);
    }

    private sealed class FramePolicy(SharedFramePool owner) : IPooledObjectPolicy<SharedFrame>
    {
        public SharedFrame Create() => new(owner);

        public bool Return(SharedFrame obj) => true;
    }
}
