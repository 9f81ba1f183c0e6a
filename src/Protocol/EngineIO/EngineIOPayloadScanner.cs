using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace SocketIo.Protocol.EngineIO;

/// <summary>
/// The vectorized part of <see cref="EngineIOPayloadReader"/>: for a 64-byte block of a polling payload, one
/// bit per byte marking the separators (0x1E) and one marking the non-ASCII bytes (&gt;= 0x80), bit i for
/// byte i. Uses the widest vectors the machine accelerates; all three paths give the same masks.
/// </summary>
internal static class EngineIOPayloadScanner
{
    /// <summary>The byte between packets of a polling payload.</summary>
    public const byte Separator = 0x1E;

    /// <summary>Bytes per scanned block, one mask bit each.</summary>
    public const int BlockSize = 64;

    /// <summary>
    /// Scans whole blocks from <paramref name="position"/> on and appends the position of every separator to
    /// <paramref name="ends"/> (from <paramref name="count"/> on); stops before the first block whose separators
    /// do not fit (see <see cref="Fits"/>) or when less than a block is left. Returns whether any scanned byte
    /// is non-ASCII.
    /// </summary>
    public static bool ScanBlocks(ReadOnlySpan<byte> payload, ref int position, Span<int> ends, ref int count)
    {
        ref var bytes = ref MemoryMarshal.GetReference(payload);
        ref var slots = ref MemoryMarshal.GetReference(ends);
        var last = payload.Length - BlockSize;
        var at = position;
        var written = count;
        bool nonAscii;
        if (Vector512.IsHardwareAccelerated)
        {
            // Or-ing the blocks together and looking at the high bits once is cheaper than a mask per block.
            var seen = Vector512<byte>.Zero;
            var separator = Vector512.Create(Separator);
            for (; at <= last; at += BlockSize)
            {
                var block = Vector512.LoadUnsafe(ref bytes, (nuint)at);
                var separators = Vector512.Equals(block, separator).ExtractMostSignificantBits();
                var found = BitOperations.PopCount(separators);
                if (!Fits(written, found, ends.Length))
                {
                    break;
                }

                WriteEnds(ref Unsafe.Add(ref slots, written), separators, at);
                written += found;
                seen |= block;
            }

            nonAscii = seen.ExtractMostSignificantBits() != 0;
        }
        else
        {
            var seen = 0UL;
            for (; at <= last; at += BlockSize)
            {
                var (separators, blockNonAscii) = Scan(ref Unsafe.Add(ref bytes, at));
                var found = BitOperations.PopCount(separators);
                if (!Fits(written, found, ends.Length))
                {
                    break;
                }

                WriteEnds(ref Unsafe.Add(ref slots, written), separators, at);
                written += found;
                seen |= blockNonAscii;
            }

            nonAscii = seen != 0;
        }

        position = at;
        count = written;
        return nonAscii;
    }

    /// <summary>
    /// Whether <paramref name="found"/> more separators fit after <paramref name="count"/> in a buffer of
    /// <paramref name="length"/> slots, leaving one for the end of the payload and one for the unconditional
    /// second write of <see cref="WriteEnds"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Fits(int count, int found, int length) => count + found < length - 1;

    /// <summary>
    /// Writes <paramref name="blockStart"/> + the offset of every set bit of <paramref name="separators"/> from
    /// <paramref name="slot"/> on. Nearly every block holds at most two separators, so two slots are written
    /// whether used or not (the next block overwrites an unused one) and only a denser block loops.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void WriteEnds(ref int slot, ulong separators, int blockStart)
    {
        Unsafe.Add(ref slot, 0) = blockStart + BitOperations.TrailingZeroCount(separators);
        separators &= separators - 1;
        Unsafe.Add(ref slot, 1) = blockStart + BitOperations.TrailingZeroCount(separators);
        separators &= separators - 1;
        for (var i = 2; separators != 0; i++)
        {
            Unsafe.Add(ref slot, i) = blockStart + BitOperations.TrailingZeroCount(separators);
            separators &= separators - 1;
        }
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
