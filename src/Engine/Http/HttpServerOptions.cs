using SocketIo.Protocol.Http;

namespace SocketIo.Engine.Http;

/// <summary>Limits and timeouts of the HTTP/1.1 layer. Defaults follow Node's <c>http</c> server where it has one.</summary>
internal sealed record HttpServerOptions
{
    /// <summary>Request-head limits (line, target, header section, header count, body).</summary>
    public HttpParserOptions Parser { get; init; } = HttpParserOptions.Default;

    /// <summary>Time allowed to receive a complete request head and body once its first byte arrived (slow-loris defence). Node: 60 s.</summary>
    public TimeSpan RequestHeadersTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long an idle keep-alive connection waits for its next request. Node: 5 s.</summary>
    public TimeSpan KeepAliveTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long the server waits for the peer's Close after sending its own.</summary>
    public TimeSpan WebSocketCloseTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Checks every value; throws <see cref="ArgumentOutOfRangeException"/> for a bad one.</summary>
    public void Validate()
    {
        Parser.Validate();
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(RequestHeadersTimeout, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(KeepAliveTimeout, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(WebSocketCloseTimeout, TimeSpan.Zero);
    }
}
