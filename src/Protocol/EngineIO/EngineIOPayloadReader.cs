using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace SocketIo.Protocol.EngineIO;

/// <summary>
/// Enumerates the packets of a v4 polling payload (a POST body): parts separated by 0x1E, each decoded like
/// <see cref="EngineIOPacketReader.TryReadText"/> (PROTOCOL.md 1.5). Allocates nothing; packets are views
/// over the payload.
/// <code>
/// var reader = new EngineIOPayloadReader(body, stackalloc ulong[EngineIOPayloadReader.ScratchLength]);
/// while (reader.MoveNext()) { Handle(reader.Current); }
/// if (reader.Error != EngineIOParseError.None) { /* close with "parse error"; earlier packets stand */ }
/// </code>
/// Rules: an empty body is <see cref="EngineIOParseError.EmptyPayload"/>; an empty part (leading, doubled or
/// trailing separator) is <see cref="EngineIOParseError.EmptyPacket"/>; the first bad part stops the
/// enumeration. Base64 is not decoded here: a bad <c>b...</c> part surfaces when the engine calls
/// <see cref="EngineIOPacket.TryDecodeBinary"/>, still in packet order.
/// <para>
/// UTF-8: the body must be decoded only once it is complete, and the reference replaces invalid sequences with
/// U+FFFD rather than failing. The reader marks each text packet whose data is not valid UTF-8 with
/// <see cref="EngineIOPacket.HasInvalidUtf8"/>; the engine then passes on <see cref="Utf8Replacement.Replace"/>
/// of that data, which is what the reference would have seen. Replacement never touches 0x1E, so splitting
/// before replacing is equivalent.
/// </para>
/// <para>
/// Speed: packets are short (tens to hundreds of bytes), so the cost is in per-packet work, not in bytes. One
/// vectorized pass per batch of 64 blocks of 64 bytes (<see cref="EngineIOPayloadScanner.ScanBatch"/>) stores
/// a separator mask per block into the caller's scratch and returns a bitmap of the blocks that hold one;
/// <see cref="MoveNext"/> then takes the next part end with trailing-zero counts on the bitmap and the block's
/// mask (no branch per byte, per separator or per empty block), slices, and looks at the type byte. It is
/// inlined into the caller's loop. Its fields are only what changes per packet and nothing takes the address of
/// the reader, so the JIT can keep them in registers; what changes per batch lives in the scratch
/// (<see cref="EngineIOPayloadScanner.BatchState"/>). UTF-8 is checked by the scan, only for parts holding a
/// byte &gt;= 0x80, and <see cref="MoveNext"/> reads the verdict from a bitmap.
/// </para>
/// </summary>
internal ref struct EngineIOPayloadReader
{
    /// <summary>The byte between packets of a polling payload.</summary>
    public const byte Separator = EngineIOPayloadScanner.Separator;

    /// <summary>How many <see cref="ulong"/>s of scratch the reader needs (masks of one batch and its state);
    /// callers <c>stackalloc</c> it, and may skip zeroing it.</summary>
    public const int ScratchLength = EngineIOPayloadScanner.ScratchLength;

    private const int BlockShift = 6;

    // The payload's first byte; its length is in the scratch (EngineIOPayloadScanner.BatchState), so the caller's
    // loop has one value fewer to keep in a register.
    private readonly ref byte _payload;
    private readonly Span<ulong> _masks;

    // Start of the next part.
    private int _start;

    // The separators of the current block not yet taken (where the block starts follows from _start).
    private ulong _separators;

    // Blocks of the current batch after the current one that hold separators (bit i = block i). Where the
    // batch starts is in the scratch (EngineIOPayloadScanner.BatchState), with the rest of the rarely changing
    // state.
    private ulong _blocks;

    private int _count;

    /// <summary>Starts reading <paramref name="payload"/>, using <paramref name="scratch"/> (at least
    /// <see cref="ScratchLength"/> long, contents ignored) as long as the reader is used.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public EngineIOPayloadReader(ReadOnlySpan<byte> payload, Span<ulong> scratch)
    {
        _payload = ref MemoryMarshal.GetReference(payload);
        _masks = scratch;
        EngineIOPayloadScanner.Reset(scratch, payload.Length);
        if (payload.IsEmpty)
        {
            Error = EngineIOParseError.EmptyPayload;
        }
    }

    /// <summary>The packet <see cref="MoveNext"/> last produced.</summary>
    public EngineIOPacket Current { get; private set; }

    /// <summary>Why the enumeration stopped early, or <see cref="EngineIOParseError.None"/>.</summary>
    public EngineIOParseError Error { get; private set; }

    /// <summary>Packets produced so far.</summary>
    public readonly int Count => _count;

    /// <summary>Moves to the next packet; false at the end of the payload or at the first invalid part
    /// (then <see cref="Error"/> says why).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool MoveNext()
    {
        int blockStart;
        if (_separators == 0)
        {
            if (_blocks == 0 && (_blocks = EngineIOPayloadScanner.ScanBatch(ref _payload, _masks, _start)) == 0)
            {
                return false;
            }

            var block = BitOperations.TrailingZeroCount(_blocks);
            _blocks &= _blocks - 1;
            _separators = Unsafe.Add(ref MemoryMarshal.GetReference(_masks), (nuint)(uint)block);
            blockStart = EngineIOPayloadScanner.State(_masks).Start + (block << BlockShift);
        }
        else
        {
            // The part before ended at a separator of this block, and blocks start at multiples of 64.
            blockStart = (_start - 1) & -EngineIOPayloadScanner.BlockSize;
        }

        var end = blockStart + BitOperations.TrailingZeroCount(_separators);
        _separators &= _separators - 1;
        var start = _start;
        var length = end - start;
        Debug.Assert((uint)start + (uint)length <= (uint)EngineIOPayloadScanner.State(_masks).Length);
        _start = end + 1;
        if (length == 0)
        {
            return Stop(EngineIOParseError.EmptyPacket);
        }

        ref var first = ref Unsafe.Add(ref _payload, (nuint)(uint)start);
        var digit = (uint)(first - '0');
        EngineIOPacketType type;
        EngineIOPacketFormat format;
        if (digit <= (uint)EngineIOPacketType.Noop)
        {
            type = (EngineIOPacketType)digit;
            format = EngineIOPacketFormat.Text;
        }
        else if (first == EngineIOPacketReader.Base64Prefix)
        {
            type = EngineIOPacketType.Message;
            format = EngineIOPacketFormat.Base64;
        }
        else
        {
            return Stop(EngineIOParseError.UnknownPacketType);
        }

        var data = MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref first, 1), length - 1);
        var invalidUtf8 = false;
        if (EngineIOPayloadScanner.State(_masks).CheckUtf8)
        {
            var offset = end - EngineIOPayloadScanner.State(_masks).Start;
            invalidUtf8 = ((Unsafe.Add(ref MemoryMarshal.GetReference(_masks), EngineIOPayloadScanner.BatchBlocks + (offset >> BlockShift)) >> offset) & 1) != 0;
        }

        _count++;
        Current = new EngineIOPacket(type, format, data, invalidUtf8);
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool Stop(EngineIOParseError error)
    {
        _separators = 0;
        _blocks = 0;
        EngineIOPayloadScanner.State(_masks).Finished = true;
        Error = error;
        Current = default;
        return false;
    }
}
