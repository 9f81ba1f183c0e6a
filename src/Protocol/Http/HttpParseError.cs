namespace SocketIo.Protocol.Http;

/// <summary>
/// Why a request was rejected. Each value maps to one status code (<see cref="HttpParseErrorExtensions.ToStatusCode"/>);
/// the name is what a server logs at debug level.
/// </summary>
internal enum HttpParseError : byte
{
    /// <summary>No error.</summary>
    None,

    // 400 Bad Request: the request line.

    /// <summary>Too many empty lines before the request line.</summary>
    TooManyLeadingEmptyLines,

    /// <summary>Not <c>method SP target SP version</c> with single spaces.</summary>
    InvalidRequestLine,

    /// <summary>The method is not a token.</summary>
    InvalidMethod,

    /// <summary>The target has a forbidden byte, is authority-form, or is <c>*</c> without OPTIONS.</summary>
    InvalidTarget,

    /// <summary>The version is not of the form <c>HTTP/x.y</c>.</summary>
    InvalidVersion,

    /// <summary>A line ends in a bare LF or a CR is not followed by LF.</summary>
    InvalidLineEnding,

    // 400 Bad Request: header fields.

    /// <summary>A header line has no colon or its name is empty or not a token.</summary>
    InvalidHeaderName,

    /// <summary>Whitespace between a field name and the colon (RFC 9112 §5.1, mandatory 400).</summary>
    WhitespaceBeforeColon,

    /// <summary>A line starts with SP or HTAB (obs-fold, or whitespace right after the request line).</summary>
    ObsoleteLineFolding,

    /// <summary>A field value holds NUL, another control byte or DEL.</summary>
    InvalidHeaderValue,

    /// <summary>HTTP/1.1 without Host.</summary>
    MissingHost,

    /// <summary>More than one Host.</summary>
    DuplicateHost,

    /// <summary>Host (or the absolute-form authority) has a byte that cannot be in an authority.</summary>
    InvalidHost,

    /// <summary>Content-Length is not 1*DIGIT, has too many digits, or its copies disagree.</summary>
    InvalidContentLength,

    /// <summary>Both Transfer-Encoding and Content-Length (request smuggling defence).</summary>
    ContentLengthWithTransferEncoding,

    /// <summary>Transfer-Encoding whose final coding is not chunked, repeats chunked, or is malformed.</summary>
    InvalidTransferEncoding,

    /// <summary>Transfer-Encoding in an HTTP/1.0 request.</summary>
    TransferEncodingInHttp10,

    // 400 Bad Request: chunked body.

    /// <summary>A chunk size is missing, not hex, over 16 digits, or followed by junk.</summary>
    InvalidChunkSize,

    /// <summary>A chunk extension is longer than the limit or holds a control byte.</summary>
    InvalidChunkExtension,

    /// <summary>Chunk data is not followed by CRLF.</summary>
    MissingChunkTerminator,

    /// <summary>A trailer field is malformed.</summary>
    InvalidTrailer,

    // Other statuses.

    /// <summary>414: the request line or target is over the limit.</summary>
    UriTooLong,

    /// <summary>431: the header section is over the size limit.</summary>
    HeaderSectionTooLarge,

    /// <summary>431: more header fields than the limit.</summary>
    TooManyHeaders,

    /// <summary>431: the trailer section is over the size limit.</summary>
    TrailerSectionTooLarge,

    /// <summary>413: declared or decoded body over the limit.</summary>
    BodyTooLarge,

    /// <summary>417: Expect other than 100-continue on HTTP/1.1.</summary>
    UnsupportedExpectation,

    /// <summary>501: a transfer coding other than chunked (gzip, deflate, compress, ...).</summary>
    UnsupportedTransferCoding,

    /// <summary>505: a well-formed version other than 1.0 and 1.1.</summary>
    UnsupportedVersion,
}

/// <summary>Maps <see cref="HttpParseError"/> to the status code to answer.</summary>
internal static class HttpParseErrorExtensions
{
    /// <summary>The HTTP status code for <paramref name="error"/> (0 for <see cref="HttpParseError.None"/>).</summary>
    public static int ToStatusCode(this HttpParseError error) => error switch
    {
        HttpParseError.None => 0,
        HttpParseError.UriTooLong => 414,
        HttpParseError.HeaderSectionTooLarge or HttpParseError.TooManyHeaders or HttpParseError.TrailerSectionTooLarge => 431,
        HttpParseError.BodyTooLarge => 413,
        HttpParseError.UnsupportedExpectation => 417,
        HttpParseError.UnsupportedTransferCoding => 501,
        HttpParseError.UnsupportedVersion => 505,
        _ => 400,
    };
}
