using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text.Unicode;

namespace SocketIo.Protocol.EngineIO;

/// <summary>
/// The vectorized part of <see cref="EngineIOPayloadReader"/>, working in a scratch buffer of the caller's. The
/// payload is cut into 64-byte blocks, and the blocks into batches of up to 64. <see cref="ScanBatch"/> stores one
/// separator mask per block of a batch (bit i for byte i of the block) and returns one bit per block that holds
/// a separator, so the reader finds the next part end with two trailing-zero counts and no branch per byte or
/// per empty block. The payload is read as if one more separator followed its last byte: the end of the last
/// part is found like any other. A batch holding a byte &gt;= 0x80 gets a second pass that validates the UTF-8
/// of the parts holding one and marks the invalid ones.
/// </summary>
internal static class EngineIOPayloadScanner
{
    /// <summary>The byte between packets of a polling payload.</summary>
    public const byte Separator = 0x1E;

    /// <summary>Bytes per scanned block, one mask bit each.</summary>
    public const int BlockSize = 64;

    /// <summary>Blocks per batch: one bit each in what <see cref="ScanBatch"/> returns, one mask each in the scratch.</summary>
    public const int BatchBlocks = 64;

    /// <summary>Bytes per batch.</summary>
    public const int BatchSize = BlockSize * BatchBlocks;

    /// <summary>Scratch <see cref="ulong"/>s the reader needs: the separator masks of a batch, its masks of parts
    /// with invalid UTF-8, and its <see cref="BatchState"/>.</summary>
    public const int ScratchLength = (2 * BatchBlocks) + 2;

    private const int StateOffset = 2 * BatchBlocks;

    /// <summary>
    /// Where the scan is, kept in the scratch rather than in the reader: the reader's fields are then only what
    /// changes per packet, few enough for the JIT to keep in registers through the caller's loop.
    /// </summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct BatchState
    {
        /// <summary>Payload offset of the current batch's first block (a multiple of <see cref="BatchSize"/>).</summary>
        public int Start;

        /// <summary>The payload's length (the reader keeps only a reference to its first byte).</summary>
        public int Length;

        /// <summary>Whether a byte of the current batch is &gt;= 0x80.</summary>
        public bool NonAscii;

        /// <summary>Whether the invalid-UTF-8 masks of the current batch were written; when false, no part
        /// ending in it is invalid UTF-8.</summary>
        public bool CheckUtf8;

        /// <summary>No batch left: the payload is exhausted or the reader stopped.</summary>
        public bool Finished;
    }

    /// <summary>The <see cref="BatchState"/> stored in <paramref name="scratch"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ref BatchState State(Span<ulong> scratch) =>
        ref Unsafe.As<ulong, BatchState>(ref scratch[StateOffset]);

    /// <summary>Readies <paramref name="scratch"/> (at least <see cref="ScratchLength"/> long, contents ignored)
    /// for the first <see cref="ScanBatch"/> of a payload of <paramref name="length"/> bytes (none when 0).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Reset(Span<ulong> scratch, int length)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(scratch.Length, ScratchLength, nameof(scratch));
        State(scratch) = new BatchState { Start = -BatchSize, Length = length, Finished = length == 0 };
    }

    /// <summary>
    /// Scans the batch after the current one (see <see cref="BatchState"/>), and the ones after it while they
    /// hold no separator, and returns bit i set for each block i of it that holds a separator (the payload end
    /// counting as one), or 0 once the payload is exhausted. Mask i of <paramref name="scratch"/> is then the
    /// separators of the batch's block i (masks past its last block are stale), and when
    /// <see cref="BatchState.CheckUtf8"/> is set, mask <see cref="BatchBlocks"/> + i marks, at its end, every
    /// part ending in block i that is a text packet whose data is not valid UTF-8. <paramref name="partStart"/>
    /// is where the first part ending in the new batch starts.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static ulong ScanBatch(ref byte first, Span<ulong> scratch, int partStart)
    {
        ref var state = ref State(scratch);
        if (state.Finished)
        {
            return 0;
        }

        var payload = MemoryMarshal.CreateReadOnlySpan(ref first, state.Length);
        ref var bytes = ref first;
        ref var mask = ref MemoryMarshal.GetReference(scratch);
        var length = payload.Length;
        var carry = state.NonAscii;
        for (var start = state.Start + BatchSize; start <= length; start += BatchSize)
        {
            // Whole blocks, then the block holding the payload end (in the last batch only).
            var blocks = Math.Min(BatchBlocks, ((length - start) / BlockSize) + 1);
            var whole = Math.Min(blocks, (length - start) / BlockSize);
            var nonAscii = ScanWholeBlocks(ref Unsafe.Add(ref bytes, start), ref mask, whole);
            if (whole < blocks)
            {
                var at = start + (whole * BlockSize);
                var (separators, tailNonAscii) = length > at ? ScanTail(payload, length - at) : (0UL, 0UL);
                Unsafe.Add(ref mask, whole) = separators | (1UL << (length - at));
                nonAscii |= tailNonAscii != 0;
            }

            var found = NonEmptyBlocks(ref mask, blocks);
            if (found != 0)
            {
                var checkUtf8 = carry | nonAscii;
                if (checkUtf8)
                {
                    FlagInvalidUtf8(payload, ref mask, start, blocks, partStart, carry);
                }

                state = new BatchState { Start = start, Length = length, NonAscii = nonAscii, CheckUtf8 = checkUtf8 };
                return found;
            }

            carry |= nonAscii;
        }

        state.Finished = true;
        return 0;
    }

    // Second pass over a batch holding non-ASCII bytes (or whose first part may): validates every text part
    // that holds such a byte and marks the invalid ones in the second half of the scratch.
    private static void FlagInvalidUtf8(ReadOnlySpan<byte> payload, ref ulong masks, int start, int blocks, int partStart, bool pending)
    {
        ref var bytes = ref MemoryMarshal.GetReference(payload);
        for (var block = 0; block < blocks; block++)
        {
            var blockStart = start + (block * BlockSize);
            var remaining = payload.Length - blockStart;
            var nonAscii = remaining >= BlockSize
                ? Scan(ref Unsafe.Add(ref bytes, blockStart)).NonAscii
                : remaining > 0 ? ScanTail(payload, remaining).NonAscii : 0;
            var invalid = 0UL;
            for (var separators = Unsafe.Add(ref masks, block); separators != 0; separators &= separators - 1)
            {
                var bit = separators & (0 - separators);
                var before = bit - 1;
                var end = blockStart + BitOperations.TrailingZeroCount(separators);
                if ((pending || (nonAscii & before) != 0) && end > partStart
                    && payload[partStart] != EngineIOPacketReader.Base64Prefix
                    && !Utf8.IsValid(payload[(partStart + 1)..end]))
                {
                    invalid |= bit;
                }

                nonAscii &= ~before;
                pending = false;
                partStart = end + 1;
            }

            pending |= nonAscii != 0;
            Unsafe.Add(ref masks, BatchBlocks + block) = invalid;
        }
    }

    // Stores the separator masks of `count` whole blocks; returns whether any of their bytes is non-ASCII.
    private static bool ScanWholeBlocks(ref byte bytes, ref ulong masks, int count)
    {
        if (Vector512.IsHardwareAccelerated)
        {
            // Or-ing the blocks together and looking at the high bits once is cheaper than a mask per block.
            var seen = Vector512<byte>.Zero;
            var separator = Vector512.Create(Separator);
            var i = 0;
            for (; i + 4 <= count; i += 4)
            {
                ref var at = ref Unsafe.Add(ref bytes, i * BlockSize);
                var a = Vector512.LoadUnsafe(ref at);
                var b = Vector512.LoadUnsafe(ref at, BlockSize);
                var c = Vector512.LoadUnsafe(ref at, 2 * BlockSize);
                var d = Vector512.LoadUnsafe(ref at, 3 * BlockSize);
                ref var mask = ref Unsafe.Add(ref masks, i);
                mask = Vector512.Equals(a, separator).ExtractMostSignificantBits();
                Unsafe.Add(ref mask, 1) = Vector512.Equals(b, separator).ExtractMostSignificantBits();
                Unsafe.Add(ref mask, 2) = Vector512.Equals(c, separator).ExtractMostSignificantBits();
                Unsafe.Add(ref mask, 3) = Vector512.Equals(d, separator).ExtractMostSignificantBits();
                seen |= Vector512.BitwiseOr(a | b, c | d);
            }

            for (; i < count; i++)
            {
                var block = Vector512.LoadUnsafe(ref bytes, (nuint)i * BlockSize);
                Unsafe.Add(ref masks, i) = Vector512.Equals(block, separator).ExtractMostSignificantBits();
                seen |= block;
            }

            return seen.ExtractMostSignificantBits() != 0;
        }

        var nonAscii = 0UL;
        for (var i = 0; i < count; i++)
        {
            var (separators, blockNonAscii) = Scan(ref Unsafe.Add(ref bytes, i * BlockSize));
            Unsafe.Add(ref masks, i) = separators;
            nonAscii |= blockNonAscii;
        }

        return nonAscii != 0;
    }

    // Bit i set when masks[i] (i < count) is not zero.
    private static ulong NonEmptyBlocks(ref ulong masks, int count)
    {
        var found = 0UL;
        if (Vector512.IsHardwareAccelerated && count >= Vector512<ulong>.Count)
        {
            // Eight masks per compare; the masks past `count` are stale and cut off below. (A short body is
            // read mask by mask: a wide load right after the narrow stores of its few masks would wait for them
            // to reach the cache.)
            for (var i = 0; i < count; i += Vector512<ulong>.Count)
            {
                var empty = Vector512.Equals(Vector512.LoadUnsafe(ref masks, (nuint)i), Vector512<ulong>.Zero);
                found |= (~empty.ExtractMostSignificantBits() & 0xFFUL) << i;
            }
        }
        else
        {
            for (var i = 0; i < count; i++)
            {
                found |= (Unsafe.Add(ref masks, i) != 0 ? 1UL : 0UL) << i;
            }
        }

        return count >= 64 ? found : found & ((1UL << count) - 1);
    }

    /// <summary>Scans the <see cref="BlockSize"/> bytes starting at <paramref name="block"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (ulong Separators, ulong NonAscii) Scan(ref byte block)
    {
        if (Vector512.IsHardwareAccelerated)
        {
            var bytes = Vector512.LoadUnsafe(ref block);
            return (Vector512.Equals(bytes, Vector512.Create(Separator)).ExtractMostSignificantBits(),
                bytes.ExtractMostSignificantBits());
        }

        if (Vector256.IsHardwareAccelerated)
        {
            var low = Vector256.LoadUnsafe(ref block);
            var high = Vector256.LoadUnsafe(ref block, 32);
            var separator = Vector256.Create(Separator);
            return (Vector256.Equals(low, separator).ExtractMostSignificantBits()
                    | ((ulong)Vector256.Equals(high, separator).ExtractMostSignificantBits() << 32),
                low.ExtractMostSignificantBits() | ((ulong)high.ExtractMostSignificantBits() << 32));
        }

        var a = Vector128.LoadUnsafe(ref block);
        var b = Vector128.LoadUnsafe(ref block, 16);
        var c = Vector128.LoadUnsafe(ref block, 32);
        var d = Vector128.LoadUnsafe(ref block, 48);
        var sep = Vector128.Create(Separator);
        return (Vector128.Equals(a, sep).ExtractMostSignificantBits()
                | (Vector128.Equals(b, sep).ExtractMostSignificantBits() << 16)
                | ((ulong)Vector128.Equals(c, sep).ExtractMostSignificantBits() << 32)
                | ((ulong)Vector128.Equals(d, sep).ExtractMostSignificantBits() << 48),
            a.ExtractMostSignificantBits()
                | (b.ExtractMostSignificantBits() << 16)
                | ((ulong)c.ExtractMostSignificantBits() << 32)
                | ((ulong)d.ExtractMostSignificantBits() << 48));
    }

    /// <summary>Scans the last <paramref name="count"/> (1 to 63) bytes of <paramref name="payload"/>; the
    /// bits above <paramref name="count"/> are zero.</summary>
    public static (ulong Separators, ulong NonAscii) ScanTail(ReadOnlySpan<byte> payload, int count)
    {
        ref var tail = ref Unsafe.Add(ref MemoryMarshal.GetReference(payload), payload.Length - count);
        if (payload.Length >= BlockSize)
        {
            // Rescan the last whole block and drop the bits of the bytes before the tail.
            var shift = BlockSize - count;
            var (separators, nonAscii) = Scan(ref Unsafe.Subtract(ref tail, shift));
            return (separators >> shift, nonAscii >> shift);
        }

        return count >= Vector128<byte>.Count ? ScanShort(ref tail, count) : ScanTiny(ref tail, count);
    }

    // 16 to 63 bytes in a payload shorter than a block: four overlapping 16-byte loads, the last ones pulled
    // back to end at the last byte (bits seen twice are simply or-ed twice).
    private static (ulong Separators, ulong NonAscii) ScanShort(ref byte bytes, int count)
    {
        var last = count - Vector128<byte>.Count;
        var separator = Vector128.Create(Separator);
        ulong separators = 0, nonAscii = 0;
        for (var offset = 0; offset < BlockSize; offset += Vector128<byte>.Count)
        {
            var at = Math.Min(offset, last);
            var chunk = Vector128.LoadUnsafe(ref bytes, (nuint)at);
            separators |= (ulong)Vector128.Equals(chunk, separator).ExtractMostSignificantBits() << at;
            nonAscii |= (ulong)chunk.ExtractMostSignificantBits() << at;
        }

        return (separators, nonAscii);
    }

    private static (ulong Separators, ulong NonAscii) ScanTiny(ref byte bytes, int count)
    {
        ulong separators = 0, nonAscii = 0;
        for (var i = 0; i < count; i++)
        {
            var value = Unsafe.Add(ref bytes, i);
            separators |= (value == Separator ? 1UL : 0UL) << i;
            nonAscii |= (ulong)(value >> 7) << i;
        }

        return (separators, nonAscii);
    }
}
