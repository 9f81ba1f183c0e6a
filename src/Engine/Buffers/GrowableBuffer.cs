using System.Buffers;

namespace SocketIo.Engine.Buffers;

/// <summary>
/// An <see cref="IBufferWriter{T}"/> over an array rented from <see cref="ArrayPool{T}.Shared"/> that holds
/// no memory until something is written and gives it back on <see cref="Reset"/>, so an idle connection
/// that keeps one of these costs only the object itself.
/// </summary>
/// <remarks>Not thread-safe: one owner (a connection's read loop).</remarks>
internal sealed class GrowableBuffer : IBufferWriter<byte>, IDisposable
{
    private const int MinimumSize = 4096;
    private byte[] _array = [];
    private int _length;

    /// <summary>Bytes written since the last <see cref="Reset"/>.</summary>
    public int Length => _length;

    /// <summary>The written bytes.</summary>
    public ReadOnlySpan<byte> WrittenSpan => _array.AsSpan(0, _length);

    /// <summary>The written bytes.</summary>
    public ReadOnlyMemory<byte> WrittenMemory => _array.AsMemory(0, _length);

    /// <inheritdoc />
    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, _array.Length - _length);
        _length += count;
    }

    /// <inheritdoc />
    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _array.AsMemory(_length);
    }

    /// <inheritdoc />
    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _array.AsSpan(_length);
    }

    /// <summary>Forgets the content and returns the array to the pool.</summary>
    public void Reset()
    {
        _length = 0;
        if (_array.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_array);
            _array = [];
        }
    }

    /// <inheritdoc />
    public void Dispose() => Reset();

    private void Ensure(int sizeHint)
    {
        var needed = _length + Math.Max(sizeHint, 1);
        if (needed <= _array.Length)
        {
            return;
        }

        var larger = ArrayPool<byte>.Shared.Rent(Math.Max(needed, Math.Max(MinimumSize, _array.Length * 2)));
        _array.AsSpan(0, _length).CopyTo(larger);
        if (_array.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_array);
        }

        _array = larger;
    }
}
