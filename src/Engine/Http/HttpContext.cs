using System.Buffers;
using SocketIo.Engine.Buffers;
using SocketIo.Engine.Transport;
using SocketIo.Engine.WebSockets;
using SocketIo.Protocol.Http;
using SocketIo.Protocol.WebSockets;

namespace SocketIo.Engine.Http;

/// <summary>
/// One request on a connection and the means to answer it. The object is reused for every request on its
/// connection, so nothing here allocates per request.
/// </summary>
/// <remarks>
/// Not thread-safe: the application uses it from one flow at a time. A held request (long-polling GET) may
/// be answered from another thread, once.
/// </remarks>
internal sealed class HttpContext
{
    private readonly GrowableBuffer _headers = new();
    private readonly HttpDateHeader _date;
    private readonly TimeProvider _time;
    private CancellationTokenSource? _abortSource;
    private int _responded;

    internal HttpContext(TransportConnection connection, HttpServerOptions options, HttpDateHeader date)
    {
        Connection = connection;
        Options = options;
        _date = date;
        _time = TimeProvider.System;
    }

    /// <summary>The connection the request arrived on.</summary>
    public TransportConnection Connection { get; }

    /// <summary>The server's HTTP options.</summary>
    public HttpServerOptions Options { get; }

    /// <summary>The request head (method, target, headers).</summary>
    public HttpRequestHead Request { get; } = new();

    /// <summary>The complete request body (empty when there is none).</summary>
    public ReadOnlySequence<byte> Body { get; internal set; }

    /// <summary>True once a response was queued (or the connection was taken over by a WebSocket).</summary>
    public bool HasResponded => Volatile.Read(ref _responded) != 0;

    /// <summary>The WebSocket this request was upgraded to, if it was.</summary>
    public WebSocketConnection? WebSocket { get; private set; }

    /// <summary>Fires when the client goes away (FIN or reset) before the response was sent.</summary>
    public CancellationToken RequestAborted => (_abortSource ??= new CancellationTokenSource()).Token;

    /// <summary>Whether the connection closes after this response.</summary>
    internal bool CloseAfterResponse { get; set; }

    /// <summary>Adds a header to the response being built: written as <c>name: value</c>.</summary>
    public void AddHeader(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value) => HttpResponseWriter.WriteHeader(_headers, name, value);

    /// <summary>Adds a header to the response being built.</summary>
    public void AddHeader(ReadOnlySpan<byte> name, ReadOnlySpan<char> value) => HttpResponseWriter.WriteHeader(_headers, name, value);

    /// <summary>Adds a header to the response being built.</summary>
    public void AddHeader(ReadOnlySpan<byte> name, long value) => HttpResponseWriter.WriteHeader(_headers, name, value);

    /// <summary>
    /// Queues a complete fixed-length response with the headers added so far. A HEAD request gets the same
    /// head with no body. Returns false when a response was already sent.
    /// </summary>
    public bool Respond(int statusCode, ReadOnlySpan<byte> contentType, ReadOnlySpan<byte> body)
    {
        if (Interlocked.Exchange(ref _responded, 1) != 0)
        {
            return false;
        }

        var sendBody = Request.Method != HttpRequestMethod.Head && statusCode is not (204 or 304) && statusCode >= 200;
        var frame = SharedFramePool.Shared.Rent(256 + _headers.Length + (sendBody ? body.Length : 0));
        HttpResponseWriter.WriteStatusLine(frame, statusCode);
        HttpResponseWriter.WriteDate(frame, _date, _time.GetUtcNow());
        if (!contentType.IsEmpty)
        {
            HttpResponseWriter.WriteContentType(frame, contentType);
        }

        if (statusCode is not (204 or 304))
        {
            HttpResponseWriter.WriteContentLength(frame, body.Length);
        }

        if (CloseAfterResponse)
        {
            HttpResponseWriter.WriteConnectionClose(frame);
        }
        else if (Request.Version == HttpRequestVersion.Http10)
        {
            HttpResponseWriter.WriteConnectionKeepAlive(frame);
        }

        HttpResponseWriter.WriteRaw(frame, _headers.WrittenSpan);
        HttpResponseWriter.WriteEndOfHeaders(frame);
        if (sendBody)
        {
            HttpResponseWriter.WriteRaw(frame, body);
        }

        Connection.Enqueue(frame);
        frame.Release();
        _headers.Reset();
        return true;
    }

    /// <summary>
    /// Validates the WebSocket opening handshake (RFC 6455 §4.2.1) and, when it is good, answers 101 and
    /// hands the connection to <paramref name="handler"/> once the application returns. When it is bad,
    /// answers 400 or 426 and returns null.
    /// </summary>
    public WebSocketConnection? AcceptWebSocket(IWebSocketHandler handler, long maxMessageSize)
    {
        ArgumentNullException.ThrowIfNull(handler);
        var request = new WebSocketHandshakeRequest
        {
            Method = Request.MethodText,
            IsHttp11OrLater = Request.Version == HttpRequestVersion.Http11,
            HasHost = Request.Contains(HttpKnownHeader.Host),
            Upgrade = GetCombinedValue(HttpKnownHeader.Upgrade),
            Connection = GetCombinedValue(HttpKnownHeader.Connection),
            SecWebSocketKey = GetCombinedValue(HttpKnownHeader.SecWebSocketKey),
            SecWebSocketVersion = GetCombinedValue(HttpKnownHeader.SecWebSocketVersion),
            SecWebSocketProtocol = GetCombinedValue(HttpKnownHeader.SecWebSocketProtocol),
            SecWebSocketExtensions = GetCombinedValue(HttpKnownHeader.SecWebSocketExtensions),
        };

        var result = WebSocketHandshake.Validate(request);
        if (result != WebSocketHandshakeResult.Ok)
        {
            CloseAfterResponse = true;
            if (result == WebSocketHandshakeResult.UpgradeRequired)
            {
                AddHeader("Sec-WebSocket-Version"u8, "13"u8);
            }

            Respond(WebSocketHandshake.GetStatusCode(result), "text/plain"u8, "Bad WebSocket handshake"u8);
            return null;
        }

        if (Interlocked.Exchange(ref _responded, 1) != 0)
        {
            return null;
        }

        var frame = SharedFramePool.Shared.Rent(WebSocketHandshake.GetAcceptResponseLength(0, _headers.Length));
        WebSocketHandshake.WriteAcceptResponse(frame, request.SecWebSocketKey, default, _headers.WrittenSpan);
        Connection.Enqueue(frame);
        frame.Release();
        _headers.Reset();
        WebSocket = new WebSocketConnection(Connection, handler, maxMessageSize, Options.WebSocketCloseTimeout);
        return WebSocket;
    }

    /// <summary>
    /// All <paramref name="header"/> lines as one comma list (RFC 9110 §5.3), as the handshake check expects: a
    /// token on a second <c>Connection</c> line counts, and a repeated <c>Sec-WebSocket-Key</c> fails. Only a
    /// repeated header allocates.
    /// </summary>
    private ReadOnlySpan<byte> GetCombinedValue(HttpKnownHeader header)
    {
        ReadOnlySpan<byte> first = default;
        List<byte>? joined = null;
        var found = false;
        for (var i = 0; i < Request.HeaderCount; i++)
        {
            if (Request.GetField(i).Known != header)
            {
                continue;
            }

            if (!found)
            {
                first = Request.GetValue(i);
                found = true;
                continue;
            }

            joined ??= [.. first];
            joined.Add((byte)',');
            joined.AddRange(Request.GetValue(i));
        }

        return joined is null ? first : joined.ToArray();
    }

    /// <summary>Prepares the context for the next request on the connection.</summary>
    internal void Reset()
    {
        _headers.Reset();
        Body = default;
        CloseAfterResponse = false;
        Volatile.Write(ref _responded, 0);
        if (_abortSource is not null && !_abortSource.TryReset())
        {
            _abortSource.Dispose();
            _abortSource = null;
        }
    }

    /// <summary>Signals <see cref="RequestAborted"/>.</summary>
    internal void Abort() => _abortSource?.Cancel();
}
