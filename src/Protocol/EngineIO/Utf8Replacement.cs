using System.Buffers;
using System.Text;

namespace SocketIo.Protocol.EngineIO;

/// <summary>
/// Replaces each maximal invalid UTF-8 subsequence with U+FFFD (EF BF BD), as the WHATWG decoder in the
/// reference server does for polling bodies. Size first, then write; allocation-free. This is the rare path:
/// call it only for data flagged by <see cref="EngineIOPacket.HasInvalidUtf8"/>.
/// </summary>
internal static class Utf8Replacement
{
    private static ReadOnlySpan<byte> ReplacementCharacter => [0xEF, 0xBF, 0xBD];

    /// <summary>Length of <paramref name="utf8"/> after replacement.</summary>
    public static int GetReplacedLength(ReadOnlySpan<byte> utf8)
    {
        var length = 0;
        while (!utf8.IsEmpty)
        {
            var valid = ValidPrefixLength(utf8);
            length += valid;
            utf8 = utf8[valid..];
            if (!utf8.IsEmpty)
            {
                length += ReplacementCharacter.Length;
                utf8 = utf8[InvalidLength(utf8)..];
            }
        }

        return length;
    }

    /// <summary>Writes <paramref name="utf8"/> with replacements into <paramref name="destination"/>, which must hold
    /// <see cref="GetReplacedLength"/> bytes; returns the bytes written.</summary>
    public static int Replace(ReadOnlySpan<byte> utf8, Span<byte> destination)
    {
        var n = 0;
        while (!utf8.IsEmpty)
        {
            var valid = ValidPrefixLength(utf8);
            utf8[..valid].CopyTo(destination[n..]);
            n += valid;
            utf8 = utf8[valid..];
            if (!utf8.IsEmpty)
            {
                ReplacementCharacter.CopyTo(destination[n..]);
                n += ReplacementCharacter.Length;
                utf8 = utf8[InvalidLength(utf8)..];
            }
        }

        return n;
    }

    private static int ValidPrefixLength(ReadOnlySpan<byte> utf8)
    {
        var length = 0;
        while (length < utf8.Length)
        {
            var ascii = utf8[length..].IndexOfAnyExceptInRange((byte)0, (byte)0x7F);
            if (ascii < 0)
            {
                return utf8.Length;
            }

            length += ascii;
            if (Rune.DecodeFromUtf8(utf8[length..], out _, out var consumed) != OperationStatus.Done)
            {
                return length;
            }

            length += consumed;
        }

        return length;
    }

    // Rune reports the maximal invalid subpart (at least one byte), which is what gets one U+FFFD.
    private static int InvalidLength(ReadOnlySpan<byte> utf8)
    {
        Rune.DecodeFromUtf8(utf8, out _, out var consumed);
        return consumed;
    }
}
