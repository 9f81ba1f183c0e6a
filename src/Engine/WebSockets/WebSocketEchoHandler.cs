using System.Buffers;

namespace SocketIo.Engine.WebSockets;

/// <summary>Sends every message back as it came, text as text and binary as binary (for RFC 6455 conformance suites).</summary>
internal sealed class WebSocketEchoHandler : IWebSocketHandler
{
    /// <summary>The one instance; the handler is stateless.</summary>
    public static WebSocketEchoHandler Instance { get; } = new();

    /// <inheritdoc />
    public ValueTask OnMessageAsync(WebSocketConnection connection, bool isText, ReadOnlySequence<byte> payload)
    {
        var span = payload.IsSingleSegment ? payload.FirstSpan : payload.ToArray();
        _ = isText ? connection.SendText(span) : connection.SendBinary(span);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public void OnClosed(WebSocketConnection connection, ushort closeCode)
    {
    }
}
