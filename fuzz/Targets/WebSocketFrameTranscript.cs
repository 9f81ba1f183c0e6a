using System.Buffers;
using SocketIo.Protocol.WebSockets;

namespace SocketIo.Fuzz;

/// <summary>
/// Feeds bytes to a <see cref="WebSocketFrameReader"/> in pieces, the way a PipeReader would (unread bytes stay
/// in front of the next piece, as a separate segment), and records everything the reader reports as a list
/// of comparable lines. Shared by the <c>ws-frames</c> fuzz target and the frame reader tests.
/// </summary>
public static class WebSocketFrameTranscript
{
    /// <summary>
    /// Reads <paramref name="data"/> cut at <paramref name="splitPoints"/> (ascending offsets; out-of-range or
    /// repeated ones are ignored) and returns the reader's events: <c>text:HEX</c>, <c>binary:HEX</c>,
    /// <c>ping:HEX</c>, <c>pong:HEX</c>, <c>close:CODE:HEX</c>, <c>invalid:CODE:Error</c>.
    /// </summary>
    public static IReadOnlyList<string> Read(ReadOnlySpan<byte> data, IEnumerable<int> splitPoints, long maxMessageSize)
    {
        ArgumentNullException.ThrowIfNull(splitPoints);
        var reader = new WebSocketFrameReader(maxMessageSize);
        var message = new ArrayBufferWriter<byte>();
        var events = new List<string>();
        byte[] unread = [];
        var start = 0;
        var length = data.Length;
        foreach (var end in splitPoints.Where(p => p > 0 && p < length).Distinct().Order().Append(data.Length))
        {
            if (end <= start)
            {
                continue;
            }

            if (!Feed(reader, message, events, ref unread, data[start..end].ToArray()))
            {
                break;
            }

            start = end;
        }

        return events;
    }

    /// <summary>Reads <paramref name="data"/> in one piece.</summary>
    public static IReadOnlyList<string> Read(ReadOnlySpan<byte> data, long maxMessageSize) => Read(data, [], maxMessageSize);

    private static bool Feed(WebSocketFrameReader reader, ArrayBufferWriter<byte> message, List<string> events, ref byte[] unread, byte[] piece)
    {
        var sequence = TwoSegments(unread, piece);
        var input = new SequenceReader<byte>(sequence);
        while (true)
        {
            var status = reader.Read(ref input, message);
            switch (status)
            {
                case WebSocketReadStatus.NeedMoreData:
                    unread = sequence.Slice(input.Position).ToArray();
                    return true;
                case WebSocketReadStatus.TextMessage:
                case WebSocketReadStatus.BinaryMessage:
                    events.Add($"{(status == WebSocketReadStatus.TextMessage ? "text" : "binary")}:{Convert.ToHexString(message.WrittenSpan)}");
                    message.ResetWrittenCount();
                    break;
                case WebSocketReadStatus.Ping:
                    events.Add($"ping:{Convert.ToHexString(reader.ControlPayload)}");
                    break;
                case WebSocketReadStatus.Pong:
                    events.Add($"pong:{Convert.ToHexString(reader.ControlPayload)}");
                    break;
                case WebSocketReadStatus.Close:
                    events.Add($"close:{reader.CloseCode}:{Convert.ToHexString(reader.CloseReason)}");
                    break;
                default:
                    events.Add($"invalid:{reader.FailureCloseCode}:{reader.Error}");
                    return false;
            }
        }
    }

    private static ReadOnlySequence<byte> TwoSegments(byte[] first, byte[] second)
    {
        if (first.Length == 0)
        {
            return new ReadOnlySequence<byte>(second);
        }

        var head = new Segment(first, 0);
        var tail = new Segment(second, first.Length);
        head.SetNext(tail);
        return new ReadOnlySequence<byte>(head, 0, tail, second.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(byte[] memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public void SetNext(Segment next) => Next = next;
    }
}
