using System.Buffers;
using System.Buffers.Text;

namespace SocketIo.Protocol.Http;

/// <summary>Strong entity tags for static files and If-None-Match evaluation (RFC 9110 §8.8.3, §13.1.2).</summary>
internal static class HttpETag
{
    /// <summary>Longest tag <see cref="TryFormat"/> writes: two quotes, two 16-digit hex numbers and a dash.</summary>
    public const int MaxLength = 35;

    /// <summary>
    /// Writes <c>"{length:x}-{lastWriteTicks:x}"</c>: changes whenever the file's size or write time does, which
    /// is what a strong validator for a static file needs without hashing its content.
    /// </summary>
    public static bool TryFormat(long length, long lastWriteTicks, Span<byte> destination, out int written)
    {
        written = 0;
        if (destination.Length < MaxLength)
        {
            return false;
        }

        var hex = new StandardFormat('x');
        destination[0] = (byte)'"';
        Utf8Formatter.TryFormat((ulong)length, destination[1..], out var first, hex);
        destination[1 + first] = (byte)'-';
        Utf8Formatter.TryFormat((ulong)lastWriteTicks, destination[(2 + first)..], out var second, hex);
        destination[2 + first + second] = (byte)'"';
        written = 3 + first + second;
        return true;
    }

    /// <summary>
    /// If-None-Match evaluation: true when <paramref name="ifNoneMatch"/> is <c>*</c> or lists a tag that weakly
    /// matches <paramref name="etag"/> (the <c>W/</c> prefix is ignored on both sides), i.e. answer 304.
    /// A malformed list matches nothing from the first bad element on.
    /// </summary>
    public static bool IfNoneMatch(ReadOnlySpan<byte> ifNoneMatch, ReadOnlySpan<byte> etag)
    {
        var opaque = Opaque(etag);
        var rest = ifNoneMatch;
        while (true)
        {
            rest = rest.TrimStart(" \t,"u8);
            if (rest.IsEmpty)
            {
                return false;
            }

            if (rest[0] == (byte)'*')
            {
                return true;
            }

            if (rest.StartsWith("W/"u8))
            {
                rest = rest[2..];
            }

            // Entity tags are quoted and may contain commas, so find the closing quote, not the next comma.
            if (rest.IsEmpty || rest[0] != (byte)'"')
            {
                return false;
            }

            var close = rest[1..].IndexOf((byte)'"');
            if (close < 0)
            {
                return false;
            }

            if (rest[..(close + 2)].SequenceEqual(opaque))
            {
                return true;
            }

            rest = rest[(close + 2)..];
        }
    }

    private static ReadOnlySpan<byte> Opaque(ReadOnlySpan<byte> etag) => etag.StartsWith("W/"u8) ? etag[2..] : etag;
}
