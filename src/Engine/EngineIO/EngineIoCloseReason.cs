namespace SocketIo.Engine.EngineIO;

/// <summary>Why an Engine.IO session ended (PROTOCOL.md 1.9 and 3); <see cref="EngineIoCloseReasons.GetText"/> gives the reference string.</summary>
internal enum EngineIoCloseReason
{
    /// <summary><c>transport close</c>: the client closed the WebSocket or sent a close packet over polling.</summary>
    TransportClose,

    /// <summary><c>transport error</c>: a WebSocket protocol error, a duplicate GET or POST, a binary POST, an aborted poll, a heartbeat in the wrong direction, an overfull send buffer.</summary>
    TransportError,

    /// <summary><c>ping timeout</c>: no pong within pingTimeout.</summary>
    PingTimeout,

    /// <summary><c>parse error</c>: an undecodable Engine.IO packet.</summary>
    ParseError,

    /// <summary><c>forced close</c>: the server closed the session.</summary>
    ForcedClose,

    /// <summary><c>server shutting down</c>: the server is stopping.</summary>
    ServerShuttingDown,
}

/// <summary>The reference strings of <see cref="EngineIoCloseReason"/>.</summary>
internal static class EngineIoCloseReasons
{
    /// <summary>The reason as the reference reports it, e.g. <c>"ping timeout"</c>.</summary>
    public static string GetText(EngineIoCloseReason reason) => reason switch
    {
        EngineIoCloseReason.TransportClose => "transport close",
        EngineIoCloseReason.TransportError => "transport error",
        EngineIoCloseReason.PingTimeout => "ping timeout",
        EngineIoCloseReason.ParseError => "parse error",
        EngineIoCloseReason.ForcedClose => "forced close",
        EngineIoCloseReason.ServerShuttingDown => "server shutting down",
        _ => throw new ArgumentOutOfRangeException(nameof(reason)),
    };
}
