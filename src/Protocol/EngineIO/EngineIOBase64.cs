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
    /// <summary>Shortest input handled: one 64-character block and the final quad.</summary>
    public const int MinLength = 68;

    private const byte Invalid = 0x80;

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
    /// Decodes <paramref name="base64"/> into <paramref name="destination"/> when it is canonical and long
    /// enough and the destination holds it; otherwise returns false, having possibly written to
    /// <paramref name="destination"/>, and the caller decodes with the BCL.
    /// </summary>
    public static bool TryDecodeCanonical(ReadOnlySpan<byte> base64, Span<byte> destination, out int written)
    {
        written = 0;
        var length = base64.Length;
        if (!Avx512Vbmi.IsSupported || length < MinLength || (length & 3) != 0)
        {
            return false;
        }

        ref var source = ref MemoryMarshal.GetReference(base64);
        ref var sextets = ref MemoryMarshal.GetReference(Sextets);
        var padding = Unsafe.Add(ref source, length - 1) == '=' ? Unsafe.Add(ref source, length - 2) == '=' ? 2 : 1 : 0;
        var decoded = (length / 4 * 3) - padding;
        if (destination.Length < decoded)
        {
            return false;
        }

        ref var output = ref MemoryMarshal.GetReference(destination);
        if (!DecodeBlocks(ref source, length - 4, ref output, ref sextets))
        {
            return false;
        }

        // The final quad, where the padding is.
        var last = length - 4;
        var a = Sextet(ref sextets, Unsafe.Add(ref source, last));
        var b = Sextet(ref sextets, Unsafe.Add(ref source, last + 1));
        var c = padding == 2 ? 0 : Sextet(ref sextets, Unsafe.Add(ref source, last + 2));
        var d = padding != 0 ? 0 : Sextet(ref sextets, Unsafe.Add(ref source, last + 3));
        var quad = (a << 18) | (b << 12) | (c << 6) | d;
        if ((quad & ~0xFFFFFF) != 0 || (quad & (0xFFFF >> (16 - (8 * padding)))) != 0)
        {
            return false; // a character outside the alphabet, or padding bits set
        }

        ref var tail = ref Unsafe.Add(ref output, last / 4 * 3);
        tail = (byte)(quad >> 16);
        if (padding < 2)
        {
            Unsafe.Add(ref tail, 1) = (byte)(quad >> 8);
        }

        if (padding == 0)
        {
            Unsafe.Add(ref tail, 2) = (byte)quad;
        }

        written = decoded;
        return true;
    }

    // The sextet of a character, or a value with bits above 24 set once shifted into a quad.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Sextet(ref byte sextets, byte character) =>
        character < 0x80 ? Unsafe.Add(ref sextets, character) << 24 >> 24 : Invalid << 24 >> 24;

    // Decodes the `count` (a multiple of 4, at least 64) characters at `source` into count / 4 * 3 bytes: blocks
    // of 64 characters, the last one pulled back to end at `count` (the bytes it writes twice are the same).
    private static bool DecodeBlocks(ref byte source, int count, ref byte output, ref byte sextets)
    {
        var lowTable = Vector512.LoadUnsafe(ref sextets);
        var highTable = Vector512.LoadUnsafe(ref sextets, 64);
        var order = Vector512.LoadUnsafe(ref MemoryMarshal.GetReference(PackOrder));
        var pairs = Vector512.Create((ushort)0x0140).AsSByte();
        var quads = Vector512.Create(0x0001_1000).AsInt16();
        var errors = Vector512<byte>.Zero;
        for (var at = 0; ; at += 64)
        {
            var start = Math.Min(at, count - 64);
            var characters = Vector512.LoadUnsafe(ref source, (nuint)start);
            var values = Avx512Vbmi.PermuteVar64x8x2(lowTable, characters, highTable);
            errors |= characters | values;
            var merged = Avx512BW.MultiplyAddAdjacent(Avx512BW.MultiplyAddAdjacent(values, pairs), quads);
            var bytes = Avx512Vbmi.PermuteVar64x8(merged.AsByte(), order);
            ref var target = ref Unsafe.Add(ref output, start / 4 * 3);
            bytes.GetLower().StoreUnsafe(ref target);
            bytes.GetUpper().GetLower().StoreUnsafe(ref target, 32);
            if (start + 64 >= count)
            {
                break;
            }
        }

        return errors.ExtractMostSignificantBits() == 0;
    }
}
