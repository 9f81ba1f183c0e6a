using System.Runtime.CompilerServices;
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
    [SkipLocalsInit]
    public static (ulong Separators, ulong NonAscii) ScanTail(ReadOnlySpan<byte> payload, int count)
    {
        var shift = BlockSize - count;
        if (payload.Length >= BlockSize)
        {
            // Rescan the last whole block and drop the bits of the bytes already scanned.
            var (separators, nonAscii) = Scan(ref Unsafe.AsRef(in payload[^BlockSize]));
            return (separators >> shift, nonAscii >> shift);
        }

        // A payload shorter than one block: scan a zero-padded copy (zero is neither a separator nor non-ASCII).
        Span<byte> block = stackalloc byte[BlockSize];
        block.Clear();
        payload[^count..].CopyTo(block);
        return Scan(ref block[0]);
    }
}
