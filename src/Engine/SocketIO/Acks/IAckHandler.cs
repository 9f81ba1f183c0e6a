namespace SocketIo.Engine.SocketIO.Acks;

/// <summary>Waits for the ACK of one outgoing event on one or more sockets (it sits in each socket's pending map).</summary>
internal interface IAckHandler
{
    /// <summary>The ACK arrived on <paramref name="socket"/> (the entry was already removed from its map).</summary>
    void OnAck(SocketIoSocket socket, SocketIoMessage arguments);

    /// <summary><paramref name="socket"/> disconnected with this ack pending (the entry was already removed).</summary>
    void OnSocketDisconnected(SocketIoSocket socket);
}
