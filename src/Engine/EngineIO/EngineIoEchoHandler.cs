namespace SocketIo.Engine.EngineIO;

/// <summary>Sends every message back as it came, text as text and binary as binary (the Host's bare Engine.IO echo app).</summary>
internal sealed class EngineIoEchoHandler : IEngineIoHandler
{
    /// <summary>The one instance; the handler is stateless.</summary>
    public static EngineIoEchoHandler Instance { get; } = new();

    /// <inheritdoc />
    public void OnOpen(EngineIoSession session)
    {
    }

    /// <inheritdoc />
    public void OnMessage(EngineIoSession session, bool isBinary, ReadOnlySpan<byte> data)
    {
        ArgumentNullException.ThrowIfNull(session);
        _ = isBinary ? session.SendBinary(data) : session.Send(data);
    }

    /// <inheritdoc />
    public void OnClose(EngineIoSession session, EngineIoCloseReason reason)
    {
    }
}
