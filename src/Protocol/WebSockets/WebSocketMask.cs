using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace SocketIo.Protocol.WebSockets;

/// <summary>
/// XOR masking of client payloads (RFC 6455 §5.3): byte <c>i</c> of a payload is XORed with byte
/// <c>i % 4</c> of the masking key. Works on any slice of a payload: <c>payloadOffset</c> says where the
/// slice starts in its frame, so a frame split across reads is unmasked piece by piece.
/// </summary>
/// <remarks>
/// The key is held as a <see cref="uint"/> in memory order (key byte 0 at the lowest address), so a vector
/// filled with it repeats the key; an offset that is not a multiple of 4 rotates that uint once, up front,
/// and the loops never look at the offset again.
/// </remarks>
internal static class WebSocketMask
{
    /// <summary>Reads a 4-byte masking key from the wire into the form the other methods take.</summary>
    public static uint ReadKey(ReadOnlySpan<byte> key) => MemoryMarshal.Read<uint>(key);

    /// <summary>Writes <paramref name="key"/> back as its 4 wire bytes.</summary>
    public static void WriteKey(Span<byte> destination, uint key) => MemoryMarshal.Write(destination, in key);

    /// <summary>The key as seen by a slice starting <paramref name="payloadOffset"/> bytes into the payload.</summary>
    public static uint Rotate(uint key, long payloadOffset)
    {
        var shift = (int)(payloadOffset & 3) * 8;
        // Memory order: on little-endian the byte at the lowest address is the least significant one.
        return BitConverter.IsLittleEndian ? BitOperations.RotateRight(key, shift) : BitOperations.RotateLeft(key, shift);
    }

    /// <summary>Unmasks (or masks) <paramref name="data"/> in place.</summary>
    public static void Apply(Span<byte> data, uint key, long payloadOffset) => Apply(data, data, key, payloadOffset);

    /// <summary>
    /// Writes <paramref name="source"/> XOR the key into <paramref name="destination"/> (at least as long),
    /// in one pass: the copy out of the receive buffer and the unmasking cost one read and one write per byte.
    /// <paramref name="source"/> and <paramref name="destination"/> may be the same memory, but must not overlap
    /// otherwise.
    /// </summary>
    public static void Apply(ReadOnlySpan<byte> source, Span<byte> destination, uint key, long payloadOffset)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, source.Length, nameof(destination));

        var mask = Rotate(key, payloadOffset);
        ref var src = ref MemoryMarshal.GetReference(source);
        ref var dst = ref MemoryMarshal.GetReference(destination);
        nuint length = (uint)source.Length;
        nuint i = 0;

        if (Vector256.IsHardwareAccelerated && length >= (nuint)Vector256<byte>.Count)
        {
            var vmask = Vector256.Create(mask).AsByte();
            var last = length - (nuint)Vector256<byte>.Count;
            for (; i <= last; i += (nuint)Vector256<byte>.Count)
            {
                (Vector256.LoadUnsafe(ref src, i) ^ vmask).StoreUnsafe(ref dst, i);
            }
        }

        if (Vector128.IsHardwareAccelerated && length - i >= (nuint)Vector128<byte>.Count)
        {
            var vmask = Vector128.Create(mask).AsByte();
            var last = length - (nuint)Vector128<byte>.Count;
            for (; i <= last; i += (nuint)Vector128<byte>.Count)
            {
                (Vector128.LoadUnsafe(ref src, i) ^ vmask).StoreUnsafe(ref dst, i);
            }
        }

        // Every step above moved a multiple of 4 bytes, so the mask is still aligned with i.
        if (length - i >= sizeof(ulong))
        {
            var wide = ((ulong)mask << 32) | mask;
            for (; length - i >= sizeof(ulong); i += sizeof(ulong))
            {
                var value = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref src, i)) ^ wide;
                Unsafe.WriteUnaligned(ref Unsafe.Add(ref dst, i), value);
            }
        }

        for (; i < length; i++)
        {
            Unsafe.Add(ref dst, i) = (byte)(Unsafe.Add(ref src, i) ^ MaskByte(mask, (int)(i & 3)));
        }
    }

    private static byte MaskByte(uint mask, int index) =>
        (byte)(BitConverter.IsLittleEndian ? mask >> (index * 8) : mask >> (24 - (index * 8)));
}
