using System.Buffers;
using System.Buffers.Text;

namespace SocketIo.Protocol.Http;

/// <summary>
/// IMF-fixdate (RFC 9110 §5.6.7, the RFC 1123 form) for the Date header, e.g.
/// <c>Sun, 06 Nov 1994 08:49:37 GMT</c>, plus a per-second cache of the whole header line.
/// </summary>
internal static class HttpDate
{
    /// <summary>Length of an IMF-fixdate.</summary>
    public const int Length = 29;

    /// <summary>Formats <paramref name="time"/> (converted to UTC) into <paramref name="destination"/>; false when too small.</summary>
    public static bool TryFormat(DateTimeOffset time, Span<byte> destination, out int written)
        => Utf8Formatter.TryFormat(time.ToUniversalTime(), destination, out written, new StandardFormat('R'));
}
