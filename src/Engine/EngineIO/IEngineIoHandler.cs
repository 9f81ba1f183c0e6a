namespace SocketIo.Engine.EngineIO;

/// <summary>
/// The layer above Engine.IO (Socket.IO, or the echo app). Calls for one session never overlap except
/// <see cref="OnClose"/>, which may run while a message is being delivered on another thread.
/// </summary>
internal interface IEngineIoHandler
{
    /// <summary>A session was created; its handshake is on its way to the client.</summary>
    void OnOpen(EngineIoSession session);

    /// <summary>
    /// A message packet arrived: UTF-8 text, or raw bytes when <paramref name="isBinary"/>. <paramref name="data"/>
    /// is valid only during the call.
    /// </summary>
    void OnMessage(EngineIoSession session, bool isBinary, ReadOnlySpan<byte> data);

    /// <summary>The session ended; called exactly once per session, after which it sends nothing.</summary>
    void OnClose(EngineIoSession session, EngineIoCloseReason reason);
}
