using SocketIo.Engine.EngineIO;

namespace SocketIo.Engine.SocketIO.EngineIoBridge;

/// <summary>
/// Runs Socket.IO on Engine.IO: each new session becomes a <see cref="SocketIoClient"/> (kept in
/// <see cref="EngineIoSession.State"/>, so no lookup table), which then receives the session's messages and its end.
/// </summary>
internal sealed class SocketIoEngineHandler(SocketIoServer server, TimeProvider? timeProvider = null) : IEngineIoHandler
{
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    /// <summary>The Socket.IO server the sessions are handed to.</summary>
    public SocketIoServer Server { get; } = server;

    /// <inheritdoc />
    public void OnOpen(EngineIoSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        var issued = _time.GetUtcNow();
        var handshake = session.OpeningRequest is { } request
            ? EngineHandshakeReader.Read(request, issued)
            : new Connections.EngineHandshake { Issued = issued };
        session.State = Server.Accept(new EngineIoConnection(session, handshake));
    }

    /// <inheritdoc />
    public void OnMessage(EngineIoSession session, bool isBinary, ReadOnlySpan<byte> data)
    {
        ArgumentNullException.ThrowIfNull(session);
        (session.State as SocketIoClient)?.OnMessage(data, isBinary);
    }

    /// <inheritdoc />
    public void OnClose(EngineIoSession session, EngineIoCloseReason reason)
    {
        ArgumentNullException.ThrowIfNull(session);
        (session.State as SocketIoClient)?.OnClose(EngineIoCloseReasons.GetText(reason));
    }
}
