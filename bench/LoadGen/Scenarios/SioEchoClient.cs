using System.Text;
using SocketIo.LoadGen.SocketIo;

namespace SocketIo.LoadGen.Scenarios;

/// <summary>
/// One closed-loop <c>message-with-ack</c> client over WebSocket: emit with ack id N, wait for ack N carrying
/// the same argument, repeat.
/// </summary>
internal sealed class SioEchoClient(SioWebSocket socket, string payload) : ClosedLoopClient
{
    private readonly byte[] _eventSuffix = Encoding.UTF8.GetBytes($"[\"message-with-ack\",\"{payload}\"]");
    private readonly byte[] _ackSuffix = Encoding.UTF8.GetBytes($"[\"{payload}\"]");
    private readonly byte[] _packet = new byte[2 + 20 + Encoding.UTF8.GetByteCount($"[\"message-with-ack\",\"{payload}\"]")];
    private long _id;

    /// <summary>The connection.</summary>
    public SioWebSocket Socket => socket;

    /// <inheritdoc />
    protected override async ValueTask<bool> RoundTripAsync(CancellationToken cancellationToken)
    {
        var id = _id++;
        var length = SioEvent.WriteWithAck(_packet, id, _eventSuffix);
        await socket.SendAsync(_packet.AsMemory(0, length), cancellationToken).ConfigureAwait(false);
        while (true)
        {
            var reply = await socket.ReceiveAsync(cancellationToken).ConfigureAwait(false);
            if (reply.Span.StartsWith("43"u8))
            {
                return SioEvent.IsAck(reply.Span, id, _ackSuffix);
            }

            // Anything else is the auth event on connection.
        }
    }
}
