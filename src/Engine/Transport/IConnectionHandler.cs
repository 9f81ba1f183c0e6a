namespace SocketIo.Engine.Transport;

/// <summary>The upper layer's entry point: runs once per accepted connection.</summary>
internal interface IConnectionHandler
{
    /// <summary>
    /// Runs the connection. When the returned task completes the transport flushes queued output, half-closes
    /// and closes the socket. <paramref name="connectionClosed"/> is <see cref="TransportConnection.ConnectionClosed"/>.
    /// </summary>
    ValueTask OnConnectedAsync(TransportConnection connection, CancellationToken connectionClosed);

    /// <summary>
    /// Called on the heartbeat when the deadline set with <see cref="TransportConnection.SetDeadline"/> passed.
    /// Runs on the heartbeat loop, so it must be quick and must not block. The default aborts the connection.
    /// </summary>
    void OnDeadlineExpired(TransportConnection connection) => connection.Abort(ConnectionCloseReason.DeadlineExpired);
}
