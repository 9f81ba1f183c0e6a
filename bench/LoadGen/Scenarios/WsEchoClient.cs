using SocketIo.LoadGen.WebSockets;

namespace SocketIo.LoadGen.Scenarios;

/// <summary>
/// One closed-loop echo client: send one text message, wait for it to come back, compare. Nothing allocates
/// per round trip.
/// </summary>
internal sealed class WsEchoClient(WebSocketClient socket, byte[] payload) : ClosedLoopClient
{
    /// <summary>The connection.</summary>
    public WebSocketClient Socket => socket;

    /// <inheritdoc />
    protected override async ValueTask<bool> RoundTripAsync(CancellationToken cancellationToken)
    {
        await socket.SendTextAsync(payload, cancellationToken).ConfigureAwait(false);
        var message = await socket.ReceiveAsync(cancellationToken).ConfigureAwait(false);
        if (message.Kind is WebSocketMessageKind.Close or WebSocketMessageKind.Disconnected)
        {
            throw new InvalidDataException($"server ended the connection (code {message.CloseCode})");
        }

        return message.Kind == WebSocketMessageKind.Text && message.Payload.Span.SequenceEqual(payload);
    }
}
