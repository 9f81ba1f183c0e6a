using System.Text;
using SocketIo.LoadGen.SocketIo;

namespace SocketIo.LoadGen.Scenarios;

/// <summary>
/// One closed-loop <c>message-with-ack</c> client over HTTP long-polling: POST the event with ack id N, GET
/// until ack N arrives (answering pings with a POST), repeat.
/// </summary>
internal sealed class PollingEchoClient(PollingHttpClient http, string payload) : ClosedLoopClient
{
    private static readonly byte[] PongBody = "3"u8.ToArray();
    private readonly byte[] _eventSuffix = Encoding.UTF8.GetBytes($"[\"message-with-ack\",\"{payload}\"]");
    private readonly byte[] _ackSuffix = Encoding.UTF8.GetBytes($"[\"{payload}\"]");
    private readonly byte[] _packet = new byte[2 + 20 + Encoding.UTF8.GetByteCount($"[\"message-with-ack\",\"{payload}\"]")];
    private long _id;

    /// <summary>The connection.</summary>
    public PollingHttpClient Http => http;

    /// <inheritdoc />
    protected override async ValueTask<bool> RoundTripAsync(CancellationToken cancellationToken)
    {
        var id = _id++;
        var length = SioEvent.WriteWithAck(_packet, id, _eventSuffix);
        await http.PostAsync(_packet.AsMemory(0, length), cancellationToken).ConfigureAwait(false);
        while (true)
        {
            var body = await http.GetAsync(cancellationToken).ConfigureAwait(false);
            var (acked, matched, pinged) = ReadPayload(body.Span, id);
            if (pinged)
            {
                await http.PostAsync(PongBody, cancellationToken).ConfigureAwait(false);
            }

            if (acked)
            {
                return matched;
            }
        }
    }

    // A polling payload holds packets separated by 0x1E: look for pings and for the ack of `id`.
    private (bool Acked, bool Matched, bool Pinged) ReadPayload(ReadOnlySpan<byte> body, long id)
    {
        bool acked = false, matched = true, pinged = false;
        foreach (var range in body.Split((byte)0x1E))
        {
            var part = body[range];
            if (part.SequenceEqual("2"u8))
            {
                pinged = true;
            }
            else if (part.StartsWith("43"u8))
            {
                acked = true;
                matched &= SioEvent.IsAck(part, id, _ackSuffix);
            }
        }

        return (acked, matched, pinged);
    }
}
