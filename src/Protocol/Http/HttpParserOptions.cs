namespace SocketIo.Protocol.Http;

/// <summary>
/// Limits the HTTP/1.1 codec enforces (RFC 9112). One immutable instance is shared by every connection;
/// the defaults are safe for an Internet-facing server (Node's 16 KiB header cap, 8 KiB URIs).
/// </summary>
internal sealed class HttpParserOptions
{
    /// <summary>The defaults.</summary>
    public static HttpParserOptions Default { get; } = new();

    /// <summary>Empty lines tolerated before a request line (RFC 9112 §2.2 says "at least one").</summary>
    public int MaxLeadingEmptyLines { get; init; } = 16;

    /// <summary>Request line without its CRLF; a longer (or unterminated) line gets 414.</summary>
    public int MaxRequestLineLength { get; init; } = 8 * 1024 + 64;

    /// <summary>Request target; a longer one gets 414.</summary>
    public int MaxRequestTargetLength { get; init; } = 8 * 1024;

    /// <summary>Header section including the empty line that ends it; a larger one gets 431.</summary>
    public int MaxHeaderSectionLength { get; init; } = 16 * 1024;

    /// <summary>Header fields per request; more get 431.</summary>
    public int MaxHeaderCount { get; init; } = 100;

    /// <summary>Request body (declared Content-Length or decoded chunked total); more gets 413.</summary>
    public long MaxRequestBodySize { get; init; } = 1_000_000;

    /// <summary>Chunk extensions are ignored, but each one's bytes are capped (400 beyond).</summary>
    public int MaxChunkExtensionLength { get; init; } = 256;

    /// <summary>Trailer section of a chunked body including its final CRLF (431 beyond).</summary>
    public int MaxTrailerSectionLength { get; init; } = 4 * 1024;

    /// <summary>Largest head the parser may need to buffer, so a pipe reader can size its window.</summary>
    internal int MaxHeadLength => (2 * (MaxLeadingEmptyLines + 1)) + MaxRequestLineLength + 2 + MaxHeaderSectionLength;

    /// <summary>Throws when a limit is out of range; call once at start-up.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(MaxLeadingEmptyLines);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxRequestLineLength, 16);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxRequestTargetLength, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxHeaderSectionLength, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxHeaderCount, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(MaxRequestBodySize);
        ArgumentOutOfRangeException.ThrowIfNegative(MaxChunkExtensionLength);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxTrailerSectionLength, 2);
        // Keeps the buffered head addressable with int offsets.
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxLeadingEmptyLines, 1024);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxRequestLineLength, 1 << 20);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxHeaderSectionLength, 1 << 24);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxHeaderCount, short.MaxValue);
    }
}
