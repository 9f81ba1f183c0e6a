namespace SocketIo.Protocol.Http;

/// <summary>Header fields the parser recognizes by their bytes, so the server never compares names itself.</summary>
internal enum HttpKnownHeader : byte
{
    /// <summary>Any other field.</summary>
    None,

    /// <summary>Host.</summary>
    Host,

    /// <summary>Connection.</summary>
    Connection,

    /// <summary>Upgrade.</summary>
    Upgrade,

    /// <summary>Content-Length.</summary>
    ContentLength,

    /// <summary>Transfer-Encoding.</summary>
    TransferEncoding,

    /// <summary>Expect.</summary>
    Expect,

    /// <summary>Origin.</summary>
    Origin,

    /// <summary>Cookie.</summary>
    Cookie,

    /// <summary>Content-Type.</summary>
    ContentType,

    /// <summary>Accept-Encoding.</summary>
    AcceptEncoding,

    /// <summary>If-None-Match.</summary>
    IfNoneMatch,

    /// <summary>User-Agent.</summary>
    UserAgent,

    /// <summary>Authorization.</summary>
    Authorization,

    /// <summary>Sec-WebSocket-Key.</summary>
    SecWebSocketKey,

    /// <summary>Sec-WebSocket-Version.</summary>
    SecWebSocketVersion,

    /// <summary>Sec-WebSocket-Protocol.</summary>
    SecWebSocketProtocol,

    /// <summary>Sec-WebSocket-Extensions.</summary>
    SecWebSocketExtensions,

    /// <summary>Access-Control-Request-Method.</summary>
    AccessControlRequestMethod,

    /// <summary>Access-Control-Request-Headers.</summary>
    AccessControlRequestHeaders,

    /// <summary>X-Forwarded-For.</summary>
    XForwardedFor,

    /// <summary>X-Forwarded-Proto.</summary>
    XForwardedProto,

    /// <summary>X-Forwarded-Host.</summary>
    XForwardedHost,
}
