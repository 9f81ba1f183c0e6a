namespace SocketIo.Protocol.Http;

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
