namespace SocketIo.Protocol.WebSockets;

/// <summary>Helpers for <see cref="WebSocketFrameError"/>.</summary>
internal static class WebSocketFrameErrors
{
    /// <summary>The Close code to fail the connection with (RFC 6455 §7.4.1).</summary>
    public static ushort ToCloseCode(this WebSocketFrameError error) => error switch
    {
        WebSocketFrameError.None => WebSocketCloseCode.NormalClosure,
        WebSocketFrameError.InvalidUtf8 or WebSocketFrameError.InvalidCloseReason => WebSocketCloseCode.InvalidFramePayloadData,
        WebSocketFrameError.MessageTooBig => WebSocketCloseCode.MessageTooBig,
        _ => WebSocketCloseCode.ProtocolError,
    };
}
