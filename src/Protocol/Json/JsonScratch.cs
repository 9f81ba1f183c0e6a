using System.Buffers;
using System.Text.Json;

namespace SocketIo.Protocol.Json;

/// <summary>
/// A pooled growable buffer plus a <see cref="Utf8JsonWriter"/> using <see cref="JsonStringifyEncoder"/>, cached
/// one per thread so serializing into it allocates nothing in steady state. Rent, use, return.
/// </summary>
internal sealed class JsonScratch : IBufferWriter<byte>
{
    private const int InitialSize = 1024;

    /// <summary>Buffers that grew past this go back to the pool instead of staying cached.</summary>
    private const int MaxRetainedSize = 64 * 1024;

    [ThreadStatic]
    private static JsonScratch? t_cached;

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JsonStringifyEncoder.Instance };

    private byte[] _buffer;
    private int _written;

    private JsonScratch()
    {
        _buffer = ArrayPool<byte>.Shared.Rent(InitialSize);
        Writer = new Utf8JsonWriter(this, WriterOptions);
    }

    /// <summary>A writer over this buffer; call <see cref="BeginValue"/> before each top-level value.</summary>
    internal Utf8JsonWriter Writer { get; }

    /// <summary>What was written so far.</summary>
    internal ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _written);

    /// <summary>Takes this thread's cached scratch, or a new one.</summary>
    internal static JsonScratch Rent()
    {
        var scratch = t_cached ?? new JsonScratch();
        t_cached = null;
        return scratch;
    }

    /// <summary>Clears <paramref name="scratch"/> and caches it for this thread.</summary>
    internal static void Return(JsonScratch scratch)
    {
        scratch._written = 0;
        if (scratch._buffer.Length > MaxRetainedSize)
        {
            ArrayPool<byte>.Shared.Return(scratch._buffer);
            scratch._buffer = ArrayPool<byte>.Shared.Rent(InitialSize);
        }

        t_cached = scratch;
    }

    /// <summary>Prepares <see cref="Writer"/> for another top-level value.</summary>
    internal void BeginValue() => Writer.Reset(this);

    /// <summary>Appends raw bytes.</summary>
    internal void Write(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(GetSpan(bytes.Length));
        _written += bytes.Length;
    }

    /// <inheritdoc />
    public void Advance(int count) => _written += count;

    /// <inheritdoc />
    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsMemory(_written);
    }

    /// <inheritdoc />
    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsSpan(_written);
    }

    private void Ensure(int sizeHint)
    {
        var needed = _written + Math.Max(sizeHint, 1);
        if (needed <= _buffer.Length)
        {
            return;
        }

        var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(needed, _buffer.Length * 2));
        _buffer.AsSpan(0, _written).CopyTo(bigger);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = bigger;
    }
}
