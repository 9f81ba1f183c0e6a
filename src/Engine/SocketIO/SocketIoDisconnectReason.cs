namespace SocketIo.Engine.SocketIO;

/// <summary>The reasons a socket disconnects, as the reference names them (PROTOCOL.md section 3).</summary>
public static class SocketIoDisconnectReason
{
    /// <summary>The client closed the WebSocket or sent a close packet over polling.</summary>
    public const string TransportClose = "transport close";

    /// <summary>A transport-level error.</summary>
    public const string TransportError = "transport error";

    /// <summary>The client stopped answering pings.</summary>
    public const string PingTimeout = "ping timeout";

    /// <summary>An undecodable Engine.IO packet.</summary>
    public const string ParseError = "parse error";

    /// <summary>The server closed the connection, including after an invalid Socket.IO packet.</summary>
    public const string ForcedClose = "forced close";

    /// <summary>Invalid Socket.IO state: duplicate CONNECT, packet for an unjoined namespace, CONNECT_ERROR from the client.</summary>
    public const string ForcedServerClose = "forced server close";

    /// <summary>The server called <see cref="SocketIoSocket.Disconnect"/>.</summary>
    public const string ServerNamespaceDisconnect = "server namespace disconnect";

    /// <summary>The client sent DISCONNECT for the namespace.</summary>
    public const string ClientNamespaceDisconnect = "client namespace disconnect";

    /// <summary>The server is shutting down.</summary>
    public const string ServerShuttingDown = "server shutting down";
}
