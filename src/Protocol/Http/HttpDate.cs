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

/// <summary>
/// The bytes of <c>Date: ...\r\n</c>, rebuilt at most once per second. Thread-safe: a rebuild publishes a new
/// immutable array (one small allocation per second), so readers on any thread never see a torn value.
/// </summary>
internal sealed class HttpDateHeader
{
    private static ReadOnlySpan<byte> Prefix => "Date: "u8;

    private volatile Entry _current = new(long.MinValue, []);

    /// <summary>The header line for <paramref name="now"/>, cached for its whole second.</summary>
    public ReadOnlySpan<byte> GetLine(DateTimeOffset now)
    {
        var second = now.ToUnixTimeSeconds();
        var entry = _current;
        if (entry.Second != second)
        {
            var line = new byte[Prefix.Length + HttpDate.Length + 2];
            Prefix.CopyTo(line);
            HttpDate.TryFormat(now, line.AsSpan(Prefix.Length), out _);
            "\r\n"u8.CopyTo(line.AsSpan(Prefix.Length + HttpDate.Length));
            entry = new Entry(second, line);
            _current = entry;
        }

        return entry.Line;
    }

    private sealed record Entry(long Second, byte[] Line);
}
