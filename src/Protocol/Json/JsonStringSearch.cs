using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace SocketIo.Protocol.Json;

/// <summary>
/// Vectorized searches inside JSON string content: the validator's and the skipper's inner loops. Ordinary text
/// is skipped 32 (or 16) bytes per step; only the bytes that need a decision stop the scan.
/// </summary>
internal static class JsonStringSearch
{
    /// <summary>
    /// Index (absolute) of the first byte at or after <paramref name="from"/> that is <c>"</c>, <c>\</c>, a
    /// control character (below 0x20) or non-ASCII (0x80 and up); the length when there is none.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int IndexOfSpecial(ReadOnlySpan<byte> text, int from)
    {
        // Inline: one vector, which holds the end of most strings. Longer strings, and inputs too short for a
        // vector, take the general search out of line, so the validator's token path stays small.
        if (Vector256.IsHardwareAccelerated)
        {
            ref var start = ref MemoryMarshal.GetReference(text);
            var last = text.Length - Vector256<byte>.Count;
            if (from <= last)
            {
                var found = Match(Vector256.LoadUnsafe(ref start, (nuint)from), stopAtNonAscii: true).ExtractMostSignificantBits();
                return found != 0 ? from + BitOperations.TrailingZeroCount(found) : IndexOfBeyond(text, from + Vector256<byte>.Count);
            }

            if (last >= 0 && from < text.Length)
            {
                // Near the end: one load ending at the last byte, shifted past the lanes before from.
                var found = Match(Vector256.LoadUnsafe(ref start, (nuint)last), stopAtNonAscii: true).ExtractMostSignificantBits() >> (from - last);
                return found != 0 ? from + BitOperations.TrailingZeroCount(found) : text.Length;
            }
        }

        return IndexOfBeyond(text, from);
    }

    /// <summary>
    /// One bit per special byte (as in <see cref="IndexOfSpecial"/>) among the bytes from <paramref name="from"/>
    /// (an offset inside the text) on: bit i for byte from + i, up to 64 bytes (fewer in a text shorter than that; zero below 16 bytes). Bytes
    /// past the window count as not special. A caller scanning several short strings in a row finds each end
    /// with bit operations on this window, instead of a vector load per string.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong SpecialWindow(ReadOnlySpan<byte> text, int from)
    {
        // Near the end, the loads end at the last byte and the bits are shifted so that bit 0 is the byte at from.
        ref var start = ref MemoryMarshal.GetReference(text);
        if (Vector256.IsHardwareAccelerated && text.Length >= 2 * Vector256<byte>.Count)
        {
            var at = Math.Min(from, text.Length - (2 * Vector256<byte>.Count));
            var low = Match(Vector256.LoadUnsafe(ref start, (nuint)at), stopAtNonAscii: true).ExtractMostSignificantBits();
            var high = Match(Vector256.LoadUnsafe(ref start, (nuint)(at + Vector256<byte>.Count)), stopAtNonAscii: true).ExtractMostSignificantBits();
            return (low | ((ulong)high << Vector256<byte>.Count)) >> (from - at);
        }

        if (Vector256.IsHardwareAccelerated && text.Length >= Vector256<byte>.Count)
        {
            var at = Math.Min(from, text.Length - Vector256<byte>.Count);
            return Match(Vector256.LoadUnsafe(ref start, (nuint)at), stopAtNonAscii: true).ExtractMostSignificantBits() >> (from - at);
        }

        if (Vector128.IsHardwareAccelerated && text.Length >= Vector128<byte>.Count)
        {
            var at = Math.Min(from, text.Length - Vector128<byte>.Count);
            return Match(Vector128.LoadUnsafe(ref start, (nuint)at), stopAtNonAscii: true).ExtractMostSignificantBits() >> (from - at);
        }

        return 0;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int IndexOfBeyond(ReadOnlySpan<byte> text, int from) => IndexOf(text, from, stopAtNonAscii: true);

    /// <summary>
    /// Index (absolute) of the first <c>"</c>, <c>\</c> or control character at or after <paramref name="from"/>;
    /// the length when there is none. Ends a run of non-ASCII text for UTF-8 validation.
    /// </summary>
    internal static int IndexOfQuoteBackslashOrControl(ReadOnlySpan<byte> text, int from) => IndexOf(text, from, stopAtNonAscii: false);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int IndexOf(ReadOnlySpan<byte> text, int from, bool stopAtNonAscii)
    {
        ref var start = ref MemoryMarshal.GetReference(text);
        var length = text.Length;
        var i = from;
        if (Vector256.IsHardwareAccelerated && length >= Vector256<byte>.Count)
        {
            var last = length - Vector256<byte>.Count;
            if (i <= last)
            {
                // Most strings are short: look at one vector before entering the long loop.
                var found = Match(Vector256.LoadUnsafe(ref start, (nuint)i), stopAtNonAscii).ExtractMostSignificantBits();
                if (found != 0)
                {
                    return i + BitOperations.TrailingZeroCount(found);
                }

                i += Vector256<byte>.Count;

                // Long text: four vectors per step, one test for all, so the loop costs less than the compares.
                for (; i <= length - (4 * Vector256<byte>.Count); i += 4 * Vector256<byte>.Count)
                {
                    var v0 = Match(Vector256.LoadUnsafe(ref start, (nuint)i), stopAtNonAscii);
                    var v1 = Match(Vector256.LoadUnsafe(ref start, (nuint)i + (nuint)Vector256<byte>.Count), stopAtNonAscii);
                    var v2 = Match(Vector256.LoadUnsafe(ref start, (nuint)i + (nuint)(2 * Vector256<byte>.Count)), stopAtNonAscii);
                    var v3 = Match(Vector256.LoadUnsafe(ref start, (nuint)i + (nuint)(3 * Vector256<byte>.Count)), stopAtNonAscii);
                    if ((v0 | v1 | v2 | v3) != Vector256<byte>.Zero)
                    {
                        var low = v0.ExtractMostSignificantBits() | ((ulong)v1.ExtractMostSignificantBits() << Vector256<byte>.Count);
                        if (low != 0)
                        {
                            return i + BitOperations.TrailingZeroCount(low);
                        }

                        var high = v2.ExtractMostSignificantBits() | ((ulong)v3.ExtractMostSignificantBits() << Vector256<byte>.Count);
                        return i + (2 * Vector256<byte>.Count) + BitOperations.TrailingZeroCount(high);
                    }
                }

                // What remains: two vectors per step.
                for (; i <= last - Vector256<byte>.Count; i += 2 * Vector256<byte>.Count)
                {
                    var low = Match(Vector256.LoadUnsafe(ref start, (nuint)i), stopAtNonAscii);
                    var high = Match(Vector256.LoadUnsafe(ref start, (nuint)i + (nuint)Vector256<byte>.Count), stopAtNonAscii);
                    if ((low | high) != Vector256<byte>.Zero)
                    {
                        var both = low.ExtractMostSignificantBits() | ((ulong)high.ExtractMostSignificantBits() << Vector256<byte>.Count);
                        return i + BitOperations.TrailingZeroCount(both);
                    }
                }

                if (i <= last)
                {
                    found = Match(Vector256.LoadUnsafe(ref start, (nuint)i), stopAtNonAscii).ExtractMostSignificantBits();
                    if (found != 0)
                    {
                        return i + BitOperations.TrailingZeroCount(found);
                    }

                    i += Vector256<byte>.Count;
                }
            }

            // The tail: one overlapping load ending at the last byte, ignoring the lanes already searched.
            if (i < length)
            {
                var found = Match(Vector256.LoadUnsafe(ref start, (nuint)last), stopAtNonAscii).ExtractMostSignificantBits() >> (i - last);
                return found != 0 ? i + BitOperations.TrailingZeroCount(found) : length;
            }

            return length;
        }

        if (Vector128.IsHardwareAccelerated && length >= Vector128<byte>.Count)
        {
            for (; length - i >= Vector128<byte>.Count; i += Vector128<byte>.Count)
            {
                var found = Match(Vector128.LoadUnsafe(ref start, (nuint)i), stopAtNonAscii).ExtractMostSignificantBits();
                if (found != 0)
                {
                    return i + BitOperations.TrailingZeroCount(found);
                }
            }

            if (i < length)
            {
                var last = length - Vector128<byte>.Count;
                var found = Match(Vector128.LoadUnsafe(ref start, (nuint)last), stopAtNonAscii).ExtractMostSignificantBits() >> (i - last);
                return found != 0 ? i + BitOperations.TrailingZeroCount(found) : length;
            }

            return length;
        }

        for (; i < length; i++)
        {
            var c = text[i];
            if (c == '"' || c == '\\' || (stopAtNonAscii ? (sbyte)c < 0x20 : c < 0x20))
            {
                return i;
            }
        }

        return length;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<byte> Match(Vector256<byte> v, bool stopAtNonAscii)
    {
        var quoteOrBackslash = Vector256.Equals(v, Vector256.Create((byte)'"')) | Vector256.Equals(v, Vector256.Create((byte)'\\'));

        // As signed bytes, 0x80-0xFF are negative, so one "less than 0x20" catches control and non-ASCII bytes.
        return quoteOrBackslash | (stopAtNonAscii
            ? Vector256.LessThan(v.AsSByte(), Vector256.Create((sbyte)0x20)).AsByte()
            : Vector256.LessThan(v, Vector256.Create((byte)0x20)));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<byte> Match(Vector128<byte> v, bool stopAtNonAscii)
    {
        var quoteOrBackslash = Vector128.Equals(v, Vector128.Create((byte)'"')) | Vector128.Equals(v, Vector128.Create((byte)'\\'));
        return quoteOrBackslash | (stopAtNonAscii
            ? Vector128.LessThan(v.AsSByte(), Vector128.Create((sbyte)0x20)).AsByte()
            : Vector128.LessThan(v, Vector128.Create((byte)0x20)));
    }
}
