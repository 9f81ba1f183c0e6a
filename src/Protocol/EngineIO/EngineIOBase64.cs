using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace SocketIo.Protocol.EngineIO;

/// <summary>
/// A fast path for the base64 of <c>b...</c> packets, in front of <see cref="System.Buffers.Text.Base64"/>. It
/// decodes only the canonical form every client sends (standard alphabet, padded, zero padding bits, no
/// whitespace, at least <see cref="MinLength"/> characters) and reports anything else as not handled, so the BCL
/// gives the verdict, and its output, for every other input: the two can never disagree. Packets of a few dozen
/// bytes and more are decoded 64 characters at a time with two AVX-512 VBMI byte permutes; the BCL's own
/// vectorized paths leave the last 20-60 characters of such a packet to a scalar loop.
/// </summary>
internal static class EngineIOBase64
{
    /// <summary>Shortest input handled: one 64-character block.</summary>
    public const int MinLength = 64;

    // Sextet of each 7-bit character, Invalid for characters outside the alphabet (and for '=').
    private static ReadOnlySpan<byte> Sextets =>
    [
        0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
        0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
        0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 62, 0x80, 0x80, 0x80, 63,
        52, 53, 54, 55, 56, 57, 58, 59, 60, 61, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
        0x80, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14,
        15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 0x80, 0x80, 0x80, 0x80, 0x80,
        0x80, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40,
        41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, 0x80, 0x80, 0x80, 0x80, 0x80,
    ];

    // After the two multiply-adds each 32-bit lane holds one quad's 24 bits, least significant byte first; this
    // picks the three bytes of the 16 lanes most significant first into bytes 0 to 47.
    private static ReadOnlySpan<byte> PackOrder =>
    [
        2, 1, 0, 6, 5, 4, 10, 9, 8, 14, 13, 12, 18, 17, 16, 22, 21, 20, 26, 25, 24, 30, 29, 28,
        34, 33, 32, 38, 37, 36, 42, 41, 40, 46, 45, 44, 50, 49, 48, 54, 53, 52, 58, 57, 56, 62, 61, 60,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    ];

    /// <summary>
    /// Decodes <paramref name="base64"/> into <paramref name="destination"/> when it is canonical, at least
    /// <see cref="MinLength"/> long, and the destination has room for every quad (padding included); otherwise
    /// returns false, having possibly written to <paramref name="destination"/>, and the caller decodes with the
    /// BCL.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryDecodeCanonical(ReadOnlySpan<byte> base64, Span<byte> destination, out int written)
    {
        written = 0;
        var length = base64.Length;
        if (!Avx512Vbmi.IsSupported || length < MinLength || (length & 3) != 0 || destination.Length < length / 4 * 3)
        {
            return false;
        }

        ref var source = ref MemoryMarshal.GetReference(base64);
        ref var output = ref MemoryMarshal.GetReference(destination);
        ref var sextets = ref MemoryMarshal.GetReference(Sextets);
        var lowTable = Vector512.LoadUnsafe(ref sextets);
        var highTable = Vector512.LoadUnsafe(ref sextets, 64);
        var errors = Vector512<byte>.Zero;
        var last = (nuint)(uint)length - 64;
        for (nuint at = 0; at < last; at += 64)
        {
            var bytes = Decode(Vector512.LoadUnsafe(ref source, at), lowTable, highTable, ref errors);
            Store(bytes, ref Unsafe.Add(ref output, at / 4 * 3));
        }

        // The last 64 characters (overlapping the previous block: the bytes written twice are the same), with
        // the padding read as 'A', which decodes to zero bits: the padding bits are then zero exactly when the
        // byte after the decoded ones is.
        var padding = Unsafe.Add(ref source, last + 63) == '=' ? Unsafe.Add(ref source, last + 62) == '=' ? 2 : 1 : 0;
        var characters = Vector512.ConditionalSelect(
            Vector512.GreaterThanOrEqual(Vector512<byte>.Indices, Vector512.Create((byte)(64 - padding))),
            Vector512.Create((byte)'A'),
            Vector512.LoadUnsafe(ref source, last));
        Store(Decode(characters, lowTable, highTable, ref errors), ref Unsafe.Add(ref output, last / 4 * 3));
        var decoded = (length / 4 * 3) - padding;
        if (errors.ExtractMostSignificantBits() != 0 || (padding != 0 && Unsafe.Add(ref output, (nuint)(uint)decoded) != 0))
        {
            return false;
        }

        written = decoded;
        return true;
    }

    // 64 characters to 48 bytes (in bytes 0 to 47); a character outside the alphabet sets a high bit of errors.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<byte> Decode(Vector512<byte> characters, Vector512<byte> lowTable, Vector512<byte> highTable, ref Vector512<byte> errors)
    {
        var values = Avx512Vbmi.PermuteVar64x8x2(lowTable, characters, highTable);
        errors |= characters | values;

        // a << 6 | b in each 16-bit lane, then ab << 12 | cd in each 32-bit lane.
        var pairs = Avx512BW.MultiplyAddAdjacent(values, Vector512.Create((ushort)0x0140).AsSByte());
        var quads = Avx512BW.MultiplyAddAdjacent(pairs, Vector512.Create(0x0001_1000).AsInt16());
        return Avx512Vbmi.PermuteVar64x8(quads.AsByte(), Vector512.LoadUnsafe(ref MemoryMarshal.GetReference(PackOrder)));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(Vector512<byte> bytes, ref byte target)
    {
        bytes.GetLower().StoreUnsafe(ref target);
        bytes.GetUpper().GetLower().StoreUnsafe(ref target, 32);
    }
}
