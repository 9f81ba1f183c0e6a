namespace SocketIo.Protocol.EngineIO;

/// <summary>The transports a session may upgrade to, written as the handshake's <c>upgrades</c> list.</summary>
[Flags]
internal enum EngineIOUpgrades : byte
{
    /// <summary><c>[]</c>: a WebSocket handshake, or upgrades disabled.</summary>
    None = 0,

    /// <summary><c>["websocket"]</c>: the default on a polling handshake.</summary>
    WebSocket = 1,
}
