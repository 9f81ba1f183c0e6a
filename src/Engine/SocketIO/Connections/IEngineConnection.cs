namespace SocketIo.Engine.SocketIO.Connections;

/// <summary>
/// What the Socket.IO layer needs from one Engine.IO connection (session). The Socket.IO layer owns this contract
/// so that the Engine.IO layer never references it; an adapter over the Engine.IO session implements it and feeds
/// the session's messages to <see cref="SocketIoClient.OnMessage"/> and its end to <see cref="SocketIoClient.OnClose"/>.
/// </summary>
/// <remarks>
/// Thread safety: <see cref="Send"/> and <see cref="IsWritable"/> may be called from any thread (broadcasts run on
/// the broadcaster's thread), concurrently: <see cref="SocketIoClient"/> does not serialize its calls, so each
/// <see cref="Send"/> must queue its packet atomically with respect to the others.
/// </remarks>
internal interface IEngineConnection
{
    /// <summary>The Engine.IO session id (never used as a Socket.IO socket id).</summary>
    string Id { get; }

    /// <summary>The request that opened the session: headers, query, address, and so on.</summary>
    EngineHandshake Handshake { get; }

    /// <summary>
    /// True when the transport can take a packet right now without queueing it behind others (a polling GET is
    /// waiting, or the WebSocket has no send in progress / is below its high-water mark). Volatile packets are
    /// dropped when this is false.
    /// </summary>
    bool IsWritable { get; }

    /// <summary>
    /// Queues <paramref name="packet"/>: one Engine.IO message (type 4) carrying <see cref="EncodedPacket.Text"/>,
    /// immediately followed by one Engine.IO binary message per attachment, with nothing in between even when other
    /// threads send to the same connection at the same time (one atomic step). The packet is
    /// valid only during this call: keep a reference to a frame (<see cref="EncodedPacket.GetOrCreateFrame{TState}"/>
    /// plus <c>AddRef</c>) or a copy, never to the packet. Returns false when the packet was not queued
    /// (connection closed or over its hard limit).
    /// </summary>
    bool Send(EncodedPacket packet);

    /// <summary>
    /// Closes the Engine.IO connection after flushing what is queued (a WebSocket Close frame, or <c>1</c> on the
    /// next poll). The Socket.IO layer has already disconnected its sockets when it calls this; the later
    /// <see cref="SocketIoClient.OnClose"/> is then a no-op.
    /// </summary>
    void Close();
}
