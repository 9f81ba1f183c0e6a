namespace SocketIo.Engine.EngineIO;

/// <summary>The Engine.IO transports a server accepts (the reference's <c>transports</c> option).</summary>
[Flags]
internal enum EngineIoTransports
{
    /// <summary>No transport (invalid as an option value).</summary>
    None = 0,

    /// <summary>HTTP long-polling: <c>transport=polling</c>.</summary>
    Polling = 1,

    /// <summary>WebSocket: <c>transport=websocket</c>, directly or as an upgrade from polling.</summary>
    WebSocket = 2,

    /// <summary>Both (the default).</summary>
    All = Polling | WebSocket,
}
