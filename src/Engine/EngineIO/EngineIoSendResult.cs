namespace SocketIo.Engine.EngineIO;

/// <summary>What a session did with a packet handed to it.</summary>
internal enum EngineIoSendResult
{
    /// <summary>Queued for (or written to) the client.</summary>
    Sent,

    /// <summary>A volatile packet dropped because the transport could not take it now.</summary>
    Dropped,

    /// <summary>The session is closed (or just closed because its send buffer overflowed).</summary>
    Closed,
}
