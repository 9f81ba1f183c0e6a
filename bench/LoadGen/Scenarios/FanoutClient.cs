using System.Net.Sockets;
using System.Runtime.CompilerServices;
using SocketIo.LoadGen.SocketIo;
using SocketIo.LoadGen.WebSockets;

namespace SocketIo.LoadGen.Scenarios;

/// <summary>
/// One room member in a fanout run: reads <c>room-message</c> packets and checks that each round's sequence
/// numbers arrive exactly once and in order. The publisher is a member too and uses its own copies to keep
/// at most a window of messages in flight.
/// </summary>
/// <remarks>
/// The receive path is built to cost the generator as little as possible per message, so the server, not
/// the generator, limits a run: after the handshake the client receives from the raw socket into one large
/// buffer (as many frames per syscall as the kernel has queued), walks the frames in place with
/// <see cref="ServerFrameReader"/>, reads the two numbers of each payload with <see cref="RoomMessage"/> and
/// checks them with integer compares: one await per receive syscall, none per message, no allocation.
/// While a round is published, <see cref="SetReceiveLowWater"/> makes the kernel wake the loop only for a
/// full read: most of a read's cost is the kernel's (the syscall and the ACK it sends), not the bytes.
/// WebSocket pings, fragmented or binary messages and Close end the client with a failure (the servers under
/// test send none of them); Engine.IO pings are answered.
/// </remarks>
internal sealed class FanoutClient(SioWebSocket socket, SemaphoreSlim? publishWindow, int receiveBufferSize)
{
    private const int MaxFrame = 1024 * 1024;
    private static readonly byte[] PongPacket = SioPacket.Pong.ToArray();
    private byte[] _buffer = new byte[receiveBufferSize];
    private int _roundNumber = -1;
    private int _expected;

    /// <summary>The connection.</summary>
    public SioWebSocket Socket => socket;

    /// <summary>room-message packets received.</summary>
    public long Received { get; private set; }

    /// <summary>Messages that came twice, out of order, from a wrong round or unreadable.</summary>
    public long Errors { get; private set; }

    /// <summary>Why the loop stopped early, or null.</summary>
    public string? Failure { get; private set; }

    /// <summary>
    /// Sets the socket's receive low-water mark (SO_RCVLOWAT, Linux): the kernel then wakes the receive loop
    /// only once <paramref name="bytes"/> are queued, so each read carries more messages. Lowering it again
    /// wakes a loop whose queued bytes already reach the new mark.
    /// </summary>
    public void SetReceiveLowWater(int bytes)
    {
        const int SolSocket = 1, SoRcvLowat = 18;
        if (OperatingSystem.IsLinux())
        {
            socket.WebSocket.Socket.SetRawSocketOption(SolSocket, SoRcvLowat, BitConverter.GetBytes(bytes));
        }
    }

    /// <summary>Receives until cancelled or the connection fails; <paramref name="current"/> gives the round in progress.</summary>
    public async Task RunAsync(Func<FanoutRound?> current, CancellationToken cancellationToken)
    {
        var raw = socket.WebSocket.Socket;
        try
        {
            var end = socket.WebSocket.TakeBuffered(_buffer);
            while (true)
            {
                // The round is read once per batch: a round is set before its first message is published,
                // so every message in bytes received after that belongs to it or to a later one.
                var batch = ConsumeFrames(_buffer.AsSpan(0, end), current());
                if (batch.Failure is not null)
                {
                    Failure = batch.Failure;
                    return;
                }

                for (var i = 0; i < batch.Pings; i++)
                {
                    await socket.SendAsync(PongPacket, cancellationToken).ConfigureAwait(false);
                }

                var left = end - batch.Consumed;
                _buffer.AsSpan(batch.Consumed, left).CopyTo(_buffer);
                end = left;
                if (batch.Needed > _buffer.Length)
                {
                    if (batch.Needed > MaxFrame)
                    {
                        Failure = $"server frame of {batch.Needed} bytes";
                        return;
                    }

                    Array.Resize(ref _buffer, (int)batch.Needed);
                }

                var received = await raw.ReceiveAsync(_buffer.AsMemory(end), SocketFlags.None, cancellationToken).ConfigureAwait(false);
                if (received == 0)
                {
                    Failure = "server closed the connection";
                    return;
                }

                end += received;
            }
        }
        catch (OperationCanceledException)
        {
            // The run ended.
        }
        catch (Exception ex) when (ex is SocketException or InvalidDataException or ObjectDisposedException)
        {
            Failure = ex.Message;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private Batch ConsumeFrames(ReadOnlySpan<byte> data, FanoutRound? round)
    {
        var reader = new ServerFrameReader(data);
        var pings = 0;
        while (reader.Read(out var fin, out var opcode, out var payload) == ServerFrameStatus.Frame)
        {
            if (opcode != WebSocketOpcode.Text || !fin)
            {
                return new Batch(reader.Consumed, 0, pings, $"unexpected {(fin ? "" : "fragmented ")}{opcode} frame");
            }

            switch (RoomMessage.Read(payload, out var roundNumber, out var sequence))
            {
                case RoomMessageKind.RoomMessage:
                    Received++;
                    publishWindow?.Release();
                    OnRoomMessage(roundNumber, sequence, round);
                    break;
                case RoomMessageKind.Invalid:
                    Received++;
                    publishWindow?.Release();
                    Errors++;
                    break;
                case RoomMessageKind.Ping:
                    pings++;
                    break;
                default:
                    break; // the auth event on connection, acks of join
            }
        }

        return new Batch(reader.Consumed, reader.Needed, pings, null);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void OnRoomMessage(int roundNumber, int sequence, FanoutRound? round)
    {
        if (round is null)
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

            _roundNumber = roundNumber;
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

    // The outcome of walking one batch of received bytes.
    private readonly record struct Batch(int Consumed, long Needed, int Pings, string? Failure);
}
