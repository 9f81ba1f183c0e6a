namespace SocketIo.Engine.Transport;

/// <summary>The upper layer's entry point: runs an accepted connection, possibly handing it over to another handler.</summary>
internal interface IConnectionHandler
{
    /// <summary>
    /// Runs the connection. Returns the handler that runs it next (for example the WebSocket an HTTP request
    /// upgraded to), or null when the connection is done: the transport then flushes queued output,
    /// half-closes and closes the socket.
    /// </summary>
    ValueTask<IConnectionHandler?> OnConnectedAsync(TransportConnection connection);

    /// <summary>
    /// Called on the heartbeat when the deadline set with <see cref="TransportConnection.SetDeadline"/> passed.
    /// Runs on the heartbeat loop, so it must be quick and must not block. The default aborts the connection.
    /// </summary>
    void OnDeadlineExpired(TransportConnection connection) => connection.Abort(ConnectionCloseReason.DeadlineExpired);

    /// <summary>
    /// Called once when the server starts a graceful shutdown (possibly again after a hand-over, so it must be
    /// idempotent); must be quick and must not block. The default does nothing: the handler sees
    /// <see cref="TransportConnection.ShutdownRequested"/> when it next looks.
    /// </summary>
    void OnShutdownRequested(TransportConnection connection)
    {
    }
}
