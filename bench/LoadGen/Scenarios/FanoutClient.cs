using SocketIo.LoadGen.SocketIo;

namespace SocketIo.LoadGen.Scenarios;

/// <summary>
/// One room member in a fanout run: reads <c>room-message</c> packets and checks that each round's sequence
/// numbers arrive exactly once and in order. The publisher is a member too and uses its own copies to keep
/// at most a window of messages in flight.
/// </summary>
internal sealed class FanoutClient(SioWebSocket socket, SemaphoreSlim? publishWindow)
{
    private static readonly byte[] RoomMessagePrefix = "42[\"room-message\","u8.ToArray();
    private int _roundNumber = -1;
    private long _expected;

    /// <summary>The connection.</summary>
    public SioWebSocket Socket => socket;

    /// <summary>room-message packets received.</summary>
    public long Received { get; private set; }

    /// <summary>Messages that came twice, out of order, from a wrong round or unreadable.</summary>
    public long Errors { get; private set; }

    /// <summary>Why the loop stopped early, or null.</summary>
    public string? Failure { get; private set; }

    /// <summary>Receives until cancelled or the connection fails; <paramref name="current"/> gives the round in progress.</summary>
    public async Task RunAsync(Func<FanoutRound?> current, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                var packet = await socket.ReceiveAsync(cancellationToken).ConfigureAwait(false);
                if (!packet.Span.StartsWith(RoomMessagePrefix))
                {
                    continue; // the auth event on connection, acks of join
                }

                Received++;
                publishWindow?.Release();
                OnRoomMessage(packet.Span, current());
            }
        }
        catch (OperationCanceledException)
        {
            // The run ended.
        }
        catch (Exception ex) when (ex is System.Net.Sockets.SocketException or InvalidDataException or ObjectDisposedException)
        {
            Failure = ex.Message;
        }
    }

    private void OnRoomMessage(ReadOnlySpan<byte> packet, FanoutRound? round)
    {
        // 42["room-message",ROUND,SEQ,"padding"]
        if (round is null ||
            !SioPacket.TryReadNumberAfter(packet, RoomMessagePrefix, out var roundNumber, out var end) ||
            end >= packet.Length || packet[end] != (byte)',' ||
            !SioPacket.TryReadNumberAfter(packet[(end + 1)..], default, out var sequence, out _))
        {
            Errors++;
            return;
        }

        if (roundNumber != _roundNumber)
        {
            if (roundNumber != round.Number)
            {
                Errors++;
                return;
            }

            _roundNumber = (int)roundNumber;
            _expected = 0;
        }

        if (sequence != _expected)
        {
            // A duplicate (lower) or a gap (higher): either way the stream is wrong from here.
            Errors++;
            _expected = Math.Max(_expected, sequence + 1);
            return;
        }

        _expected++;
        if (_expected == round.Messages)
        {
            round.ClientDone();
        }
    }
}
