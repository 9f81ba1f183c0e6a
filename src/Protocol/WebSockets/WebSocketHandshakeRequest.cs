namespace SocketIo.Protocol.WebSockets;

/// <summary>
/// The parts of an HTTP request that decide a WebSocket opening handshake (RFC 6455 §4.2.1), as plain byte spans
/// so the HTTP parser stays independent. An absent header is an empty span. When a header appears on several
/// lines, pass the values joined with commas (RFC 9110 §5.3); a repeated <c>Sec-WebSocket-Key</c> then fails
/// its length check, which is how "present once" is enforced.
/// </summary>
internal readonly ref struct WebSocketHandshakeRequest
{
    /// <summary>The request method (must be <c>GET</c>, case-sensitive).</summary>
    public ReadOnlySpan<byte> Method { get; init; }

    /// <summary>True when the request line says HTTP/1.1 or later.</summary>
    public bool IsHttp11OrLater { get; init; }

    /// <summary>True when the request has a <c>Host</c> header.</summary>
    public bool HasHost { get; init; }

    /// <summary>Value of <c>Upgrade</c>: must contain the token <c>websocket</c>.</summary>
    public ReadOnlySpan<byte> Upgrade { get; init; }

    /// <summary>Value of <c>Connection</c>: must contain the token <c>upgrade</c>.</summary>
    public ReadOnlySpan<byte> Connection { get; init; }

    /// <summary>Value of <c>Sec-WebSocket-Key</c>: base64 of 16 bytes.</summary>
    public ReadOnlySpan<byte> SecWebSocketKey { get; init; }

    /// <summary>Value of <c>Sec-WebSocket-Version</c>: must be <c>13</c>.</summary>
    public ReadOnlySpan<byte> SecWebSocketVersion { get; init; }

    /// <summary>Value of <c>Sec-WebSocket-Protocol</c>: the subprotocols the client offers, in its order of preference.</summary>
    public ReadOnlySpan<byte> SecWebSocketProtocol { get; init; }

    /// <summary>Value of <c>Sec-WebSocket-Extensions</c>: the extensions the client offers.</summary>
    public ReadOnlySpan<byte> SecWebSocketExtensions { get; init; }
}
