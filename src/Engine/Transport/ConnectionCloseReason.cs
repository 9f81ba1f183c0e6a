namespace SocketIo.Engine.Transport;

/// <summary>Why a connection was closed; <see cref="None"/> while it is open.</summary>
internal enum ConnectionCloseReason
{
    /// <summary>Still open.</summary>
    None,

    /// <summary>The handler finished and the output was flushed.</summary>
    Completed,

    /// <summary>The upper layer called <see cref="TransportConnection.Abort"/>.</summary>
    Aborted,

    /// <summary>A receive or send failed (reset by the peer, network error).</summary>
    TransportError,

    /// <summary>The deadline set by the upper layer passed.</summary>
    DeadlineExpired,

    /// <summary>The server stopped and the connection outlived the shutdown timeout.</summary>
    ServerShutdown,

    /// <summary>The handler threw.</summary>
    HandlerFailed,
}
