using System.Buffers;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;

namespace SocketIo.Engine.Buffers;

/// <summary>
/// One encoded frame in a pooled array, shared by reference count so a broadcast is encoded once and
/// queued on many connections without a copy.
/// </summary>
/// <remarks>
/// Contract: the renter holds the first reference and may write (through <see cref="IBufferWriter{T}"/>)
/// while it is the only holder. After the frame is published (queued anywhere) its bytes are read-only.
/// Every holder calls <see cref="Release"/> exactly once; the last release returns the array and this
/// object to the pool, so a released frame must never be touched again.
/// </remarks>
internal sealed class SharedFrame : IBufferWriter<byte>
{
    private readonly SharedFramePool _pool;
    private byte[] _array = [];
    private int _length;
    private int _refCount;

    internal SharedFrame(SharedFramePool pool) => _pool = pool;

    /// <summary>Number of written bytes.</summary>
    public int Length => _length;

    /// <summary>The written bytes.</summary>
    public ReadOnlySpan<byte> Span => new(_array, 0, _length);

    /// <summary>The written bytes.</summary>
    public ReadOnlyMemory<byte> Memory => new(_array, 0, _length);

    /// <summary>Current number of holders (diagnostics and tests).</summary>
    internal int RefCount => Volatile.Read(ref _refCount);

    /// <summary>The backing array, for gather sends that need <see cref="ArraySegment{T}"/>.</summary>
    internal byte[] Array => _array;

    internal void Initialize(byte[] array)
    {
        _array = array;
        _length = 0;
        _refCount = 1;
    }

    /// <summary>Takes one more reference; pair it with one <see cref="Release"/>.</summary>
    public void AddRef()
    {
        var count = Interlocked.Increment(ref _refCount);
        if (count <= 1)
        {
            ThrowUseAfterRelease();
        }
    }

    /// <summary>Drops one reference; the last one returns the frame to its pool.</summary>
    public void Release()
    {
        var count = Interlocked.Decrement(ref _refCount);
        if (count > 0)
        {
            return;
        }

        if (count < 0)
        {
            ThrowUseAfterRelease();
        }

        var array = _array;
        _array = [];
        _length = 0;
        _pool.Return(this, array);
    }

    /// <inheritdoc />
    public Span<byte> GetSpan(int sizeHint = 0)
    {
        EnsureWritable(sizeHint);
        return _array.AsSpan(_length);
    }

    /// <inheritdoc />
    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        EnsureWritable(sizeHint);
        return _array.AsMemory(_length);
    }

    /// <inheritdoc />
    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, _array.Length - _length);
        _length += count;
    }

    private void EnsureWritable(int sizeHint)
    {
        // A published frame is read by other connections' send loops: writing then would corrupt them.
        Debug.Assert(Volatile.Read(ref _refCount) == 1, "A shared frame is written only while it has one holder.");
        var needed = Math.Max(sizeHint, 1);
        if (_array.Length - _length < needed)
        {
            _array = _pool.Grow(_array, _length, checked(_length + needed));
        }
    }

    // Checked in release builds too: a double release would hand one array to two renters.
    [DoesNotReturn]
    private static void ThrowUseAfterRelease()
    {
        throw new InvalidOperationException("SharedFrame was used after its last reference was released.");
    }
}
