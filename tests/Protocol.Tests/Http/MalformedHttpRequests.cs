using System.Text;

namespace SocketIo.Protocol.Tests.Http;

/// <summary>
/// Complete, malformed HTTP/1.x request heads with the status a server must answer (RFC 9112, PROTOCOL.md §5).
/// Depends only on the BCL, so a server-level test project can link this same file.
/// </summary>
public static class MalformedHttpRequests
{
    private static readonly string LongTarget = "/" + new string('a', 8 * 1024 + 10);
    private static readonly string BigHeader = "X-Big: " + new string('b', 17 * 1024) + "\r\n";
    private static readonly string ManyHeaders = string.Concat(Enumerable.Range(0, 101).Select(i => $"X-H{i}: v\r\n"));

    /// <summary>Every case: a short unique name, the raw bytes, and the expected status code.</summary>
    public static IReadOnlyList<(string Name, byte[] Request, int Status)> All { get; } =
    [
        // Request line.
        Case("lowercase-version", "GET / http/1.1\r\nHost: a\r\n\r\n", 400),
        Case("version-http-2.0", "GET / HTTP/2.0\r\nHost: a\r\n\r\n", 505),
        Case("version-http-1.2", "GET / HTTP/1.2\r\nHost: a\r\n\r\n", 505),
        Case("version-http-0.9", "GET / HTTP/0.9\r\n\r\n", 505),
        Case("version-http-3.0", "GET / HTTP/3.0\r\nHost: a\r\n\r\n", 505),
        Case("version-missing-minor", "GET / HTTP/1\r\nHost: a\r\n\r\n", 400),
        Case("version-two-digit-major", "GET / HTTP/10.0\r\nHost: a\r\n\r\n", 400),
        Case("version-garbage", "GET / FOO/1.1\r\nHost: a\r\n\r\n", 400),
        Case("version-trailing-space", "GET / HTTP/1.1 \r\nHost: a\r\n\r\n", 400),
        Case("http09-request-line", "GET /\r\n\r\n", 400),
        Case("double-space-after-method", "GET  / HTTP/1.1\r\nHost: a\r\n\r\n", 400),
        Case("leading-space-before-method", " GET / HTTP/1.1\r\nHost: a\r\n\r\n", 400),
        Case("tab-separator", "GET\t/ HTTP/1.1\r\nHost: a\r\n\r\n", 400),
        Case("method-with-bad-char", "GE(T / HTTP/1.1\r\nHost: a\r\n\r\n", 400),
        Case("method-with-colon", "GET: / HTTP/1.1\r\nHost: a\r\n\r\n", 400),
        Case("target-with-nul", "GET /a\0b HTTP/1.1\r\nHost: a\r\n\r\n", 400),
        Case("target-with-del", "GET /a\u007fb HTTP/1.1\r\nHost: a\r\n\r\n", 400),
        Case("target-with-fragment", "GET /a#frag HTTP/1.1\r\nHost: a\r\n\r\n", 400),
        Case("target-authority-form", "CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n", 400),
        Case("target-relative", "GET index.html HTTP/1.1\r\nHost: a\r\n\r\n", 400),
        Case("asterisk-with-get", "GET * HTTP/1.1\r\nHost: a\r\n\r\n", 400),
        Case("absolute-empty-host", "GET http:///x HTTP/1.1\r\nHost: a\r\n\r\n", 400),
        Case("absolute-with-userinfo", "GET http://user@host/x HTTP/1.1\r\nHost: a\r\n\r\n", 400),
        Case("target-too-long", $"GET {LongTarget} HTTP/1.1\r\nHost: a\r\n\r\n", 414),
        Case("request-line-bare-lf", "GET / HTTP/1.1\nHost: a\r\n\r\n", 400),
        Case("request-line-bare-cr", "GET / HTTP/1.1\rHost: a\r\n\r\n", 400),
        Case("leading-bare-lf", "\nGET / HTTP/1.1\r\nHost: a\r\n\r\n", 400),
        Case("too-many-leading-empty-lines", string.Concat(Enumerable.Repeat("\r\n", 17)) + "GET / HTTP/1.1\r\nHost: a\r\n\r\n", 400),

        // Header fields.
        Case("space-before-colon", "GET / HTTP/1.1\r\nHost : a\r\n\r\n", 400),
        Case("tab-before-colon", "GET / HTTP/1.1\r\nHost: a\r\nX-A\t: b\r\n\r\n", 400),
        Case("obs-fold", "GET / HTTP/1.1\r\nHost: a\r\nX-A: b\r\n c\r\n\r\n", 400),
        Case("obs-fold-tab", "GET / HTTP/1.1\r\nHost: a\r\nX-A: b\r\n\tc\r\n\r\n", 400),
        Case("whitespace-line-after-request-line", "GET / HTTP/1.1\r\n Host: a\r\n\r\n", 400),
        Case("header-without-colon", "GET / HTTP/1.1\r\nHost: a\r\nNoColon\r\n\r\n", 400),
        Case("header-empty-name", "GET / HTTP/1.1\r\nHost: a\r\n: v\r\n\r\n", 400),
        Case("header-name-with-bad-char", "GET / HTTP/1.1\r\nHost: a\r\nX(A): v\r\n\r\n", 400),
        Case("header-name-non-ascii", "GET / HTTP/1.1\r\nHost: a\r\nX-\u00e9: v\r\n\r\n", 400),
        Case("header-value-nul", "GET / HTTP/1.1\r\nHost: a\r\nX-A: b\0c\r\n\r\n", 400),
        Case("header-value-bare-cr", "GET / HTTP/1.1\r\nHost: a\r\nX-A: b\rc\r\n\r\n", 400),
        Case("header-value-bare-lf", "GET / HTTP/1.1\r\nHost: a\r\nX-A: b\nc\r\n\r\n", 400),
        Case("header-value-control", "GET / HTTP/1.1\r\nHost: a\r\nX-A: b\u0001c\r\n\r\n", 400),
        Case("header-value-del", "GET / HTTP/1.1\r\nHost: a\r\nX-A: b\u007fc\r\n\r\n", 400),
        Case("header-line-bare-lf", "GET / HTTP/1.1\r\nHost: a\nX-A: b\r\n\r\n", 400),
        Case("header-section-too-large", $"GET / HTTP/1.1\r\nHost: a\r\n{BigHeader}\r\n", 431),
        Case("too-many-headers", $"GET / HTTP/1.1\r\nHost: a\r\n{ManyHeaders}\r\n", 431),

        // Host.
        Case("http11-missing-host", "GET / HTTP/1.1\r\nX-A: b\r\n\r\n", 400),
        Case("http11-two-hosts", "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", 400),
        Case("http10-two-hosts", "GET / HTTP/1.0\r\nHost: a\r\nHost: a\r\n\r\n", 400),
        Case("host-with-slash", "GET / HTTP/1.1\r\nHost: a/b\r\n\r\n", 400),
        Case("host-with-space", "GET / HTTP/1.1\r\nHost: a b\r\n\r\n", 400),
        Case("host-with-userinfo", "GET / HTTP/1.1\r\nHost: u@a\r\n\r\n", 400),

        // Content-Length.
        Case("content-length-negative", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: -1\r\n\r\n", 400),
        Case("content-length-plus-sign", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: +5\r\n\r\n", 400),
        Case("content-length-hex", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 0x5\r\n\r\n", 400),
        Case("content-length-inner-space", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 1 2\r\n\r\n", 400),
        Case("content-length-empty", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: \r\n\r\n", 400),
        Case("content-length-decimal", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 1.0\r\n\r\n", 400),
        Case("content-length-conflicting-fields", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\n", 400),
        Case("content-length-conflicting-list", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5, 6\r\n\r\n", 400),
        Case("content-length-empty-list-element", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5,,5\r\n\r\n", 400),
        Case("content-length-overflow", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 99999999999999999999999\r\n\r\n", 400),
        Case("content-length-19-digits", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 1000000000000000000\r\n\r\n", 400),
        Case("content-length-over-body-limit", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 1000001\r\n\r\n", 413),

        // Transfer-Encoding.
        Case("te-and-content-length", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n", 400),
        Case("content-length-and-te", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n", 400),
        Case("te-chunked-twice", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked, chunked\r\n\r\n", 400),
        Case("te-chunked-twice-fields", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n", 400),
        Case("te-chunked-not-final", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked, gzip\r\n\r\n", 400),
        Case("te-chunked-not-final-fields", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: gzip\r\n\r\n", 400),
        Case("te-xchunked", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: xchunked\r\n\r\n", 400),
        Case("te-chunked-with-param", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked;q=1\r\n\r\n", 400),
        Case("te-quoted", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: \"chunked\"\r\n\r\n", 400),
        Case("te-empty", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: \r\n\r\n", 400),
        Case("te-trailing-comma", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked,\r\n\r\n", 400),
        Case("te-gzip-only", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip\r\n\r\n", 400),
        Case("te-identity", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: identity\r\n\r\n", 400),
        Case("te-gzip-chunked", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip, chunked\r\n\r\n", 501),
        Case("te-deflate-chunked", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: deflate, chunked\r\n\r\n", 501),
        Case("te-compress-chunked-fields", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: compress\r\nTransfer-Encoding: chunked\r\n\r\n", 501),
        Case("te-in-http10", "POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n", 400),

        // Expect.
        Case("expect-unknown", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 1\r\nExpect: 200-ok\r\n\r\n", 417),
        Case("expect-100-continue-with-params", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 1\r\nExpect: 100-continue; x=1\r\n\r\n", 417),
    ];

    private static (string Name, byte[] Request, int Status) Case(string name, string request, int status)
        => (name, Encoding.Latin1.GetBytes(request), status);
}
