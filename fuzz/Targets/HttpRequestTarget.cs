using System.Buffers;
using System.Text;
using SocketIo.Protocol.Http;

namespace SocketIo.Fuzz;

/// <summary>
/// <c>http-request</c>: a connection's worth of pipelined requests (heads plus Content-Length or chunked
/// bodies). The first input byte picks how the rest arrives (byte 0: one byte per read; otherwise 1-6 cut
/// points from a PRNG seeded with it). Invariants: nothing throws; the sequence of results (heads, bodies,
/// errors, final state) is identical to reading everything at once; a parsed head written back out parses
/// to the same request.
/// </summary>
public sealed class HttpRequestTarget : IFuzzTarget
{
    private const int MaxRequests = 16;

    private static readonly HttpParserOptions Options = new() { MaxRequestBodySize = 4096 };
    private static readonly HttpRequestParser Parser = new(Options);

    /// <inheritdoc />
    public string Name => "http-request";

    /// <inheritdoc />
    public IEnumerable<byte[]> Seeds
    {
        get
        {
            string[] requests =
            [
                "GET /socket.io/?EIO=4&transport=polling&t=N8hyd6w HTTP/1.1\r\nHost: localhost:3000\r\nAccept: */*\r\nConnection: keep-alive\r\n\r\n",
                "GET /socket.io/?EIO=4&transport=websocket&sid=abc HTTP/1.1\r\nHost: a\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n" +
                    "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n",
                "POST /socket.io/?EIO=4&transport=polling&sid=abc HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\n4hey!GET / HTTP/1.0\r\n\r\n",
                "POST /u HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n3;x=y\r\nabc\r\n0\r\nT: v\r\n\r\nGET /next HTTP/1.1\r\nHost: a\r\n\r\n",
                "\r\nOPTIONS * HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: 0\r\n\r\n",
                "GET http://h:1/p?q HTTP/1.1\r\nHost: x\r\nX-A:  v \r\n\r\n",
                "GET / HTTP/2.0\r\n\r\n",
                "GET / HTTP/1.1\r\nHost : a\r\n\r\n",
                "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip, chunked\r\n\r\n",
                "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3, 3\r\n\r\nabc",
                "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\nZ\r\n",
            ];
            byte[] modes = [0, 1, 7, 200];
            foreach (var request in requests)
            {
                foreach (var mode in modes)
                {
                    yield return [mode, .. Encoding.Latin1.GetBytes(request)];
                }
            }
        }
    }

    /// <inheritdoc />
    public void Run(ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty)
        {
            return;
        }

        var stream = data[1..].ToArray();
        var cuts = CutPoints(data[0], stream.Length);
        try
        {
            var whole = Process(stream, []);
            var split = Process(stream, cuts);
            FuzzInvariantException.Check(whole.SequenceEqual(split),
                $"split reading differs:\n  whole: {string.Join(" | ", whole)}\n  split: {string.Join(" | ", split)}");
        }
        catch (Exception ex) when (ex is not FuzzInvariantException)
        {
            throw new FuzzInvariantException("HTTP codec threw", ex);
        }
    }

    private static int[] CutPoints(byte mode, int length)
    {
        if (mode == 0)
        {
            return Enumerable.Range(1, Math.Max(0, length - 1)).ToArray();
        }

        var random = new Random(mode);
        var count = 1 + (mode % 6);
        return Enumerable.Range(0, count).Select(_ => random.Next(length + 1)).Distinct().Order().ToArray();
    }

    /// <summary>Reads the stream as a connection would, with reads ending at each cut; returns what it saw.</summary>
    private static List<string> Process(byte[] stream, int[] cuts)
    {
        var events = new List<string>();
        var head = new HttpRequestHead();
        var body = new List<byte>();
        var phase = HttpBodyFraming.None;
        var inBody = false;
        var finished = false;
        var contentLength = default(HttpContentLengthReader);
        var chunked = default(HttpChunkedDecoder);
        var position = 0;

        foreach (var arrived in cuts.Append(stream.Length))
        {
            while (!finished && position <= arrived)
            {
                // What the pipe holds now: from the last consumed byte to the latest arrival, in the arrival's segments.
                var relativeCuts = cuts.Where(c => c > position && c < arrived).Select(c => c - position).ToArray();
                var available = HttpSequences.Split(stream.AsSpan(position, arrived - position), relativeCuts);
                if (!inBody)
                {
                    var status = Parser.Parse(available, head, out var consumed, out var error);
                    if (status == HttpParseStatus.NeedMoreData)
                    {
                        break;
                    }

                    if (status == HttpParseStatus.Error)
                    {
                        events.Add($"error {error} {error.ToStatusCode()}");
                        finished = true;
                        break;
                    }

                    events.Add(Describe(head));
                    CheckRoundTrip(head);
                    position += (int)available.Slice(0, consumed).Length;
                    phase = head.Framing;
                    contentLength = new HttpContentLengthReader(Math.Max(0, head.ContentLength));
                    chunked = new HttpChunkedDecoder(Options);
                    inBody = true;
                    body.Clear();
                    if (events.Count >= MaxRequests)
                    {
                        finished = true;
                    }

                    continue;
                }

                var reader = new SequenceReader<byte>(available);
                var result = phase == HttpBodyFraming.Chunked ? chunked.Read(ref reader, out var data) : contentLength.Read(ref reader, out data);
                position += (int)reader.Consumed;
                body.AddRange(data.ToArray());
                if (result == HttpBodyStatus.Error)
                {
                    events.Add($"body error {chunked.Error}");
                    finished = true;
                }
                else if (result == HttpBodyStatus.Done)
                {
                    events.Add($"body {Convert.ToHexString([.. body])}");
                    inBody = false;
                }
                else if (result == HttpBodyStatus.NeedMoreData)
                {
                    break;
                }
            }
        }

        events.Add(finished ? "finished" : inBody ? $"waiting for body after {body.Count}" : $"waiting at {position}");
        return events;
    }

    private static string Describe(HttpRequestHead head)
    {
        var text = new StringBuilder()
            .Append(head.Method).Append(' ').Append(Encoding.Latin1.GetString(head.MethodText)).Append(' ')
            .Append(Encoding.Latin1.GetString(head.Target)).Append(' ').Append(head.Version).Append(' ')
            .Append(Encoding.Latin1.GetString(head.Path)).Append('?').Append(Encoding.Latin1.GetString(head.Query)).Append(' ')
            .Append(head.Framing).Append(' ').Append(head.ContentLength).Append(' ')
            .Append(head.KeepAlive).Append(head.ExpectContinue).Append(head.IsWebSocketUpgrade);
        for (var i = 0; i < head.HeaderCount; i++)
        {
            text.Append(" [").Append(head.GetField(i).Known).Append(' ').Append(Encoding.Latin1.GetString(head.GetName(i)))
                .Append('=').Append(Encoding.Latin1.GetString(head.GetValue(i))).Append(']');
        }

        return text.ToString();
    }

    /// <summary>Writing the parsed head back (no OWS, so never longer) must parse to the same request.</summary>
    private static void CheckRoundTrip(HttpRequestHead head)
    {
        var writer = new ArrayBufferWriter<byte>();
        writer.Write(head.MethodText);
        writer.Write(" "u8);
        writer.Write(head.Target);
        writer.Write(head.Version == HttpRequestVersion.Http11 ? " HTTP/1.1\r\n"u8 : " HTTP/1.0\r\n"u8);
        for (var i = 0; i < head.HeaderCount; i++)
        {
            writer.Write(head.GetName(i));
            writer.Write(":"u8);
            writer.Write(head.GetValue(i));
            writer.Write("\r\n"u8);
        }

        writer.Write("\r\n"u8);
        var again = new HttpRequestHead();
        var status = Parser.Parse(new ReadOnlySequence<byte>(writer.WrittenMemory), again, out _, out var error);
        FuzzInvariantException.Check(status == HttpParseStatus.Done, $"re-serialized head failed to parse: {error}");
        FuzzInvariantException.Check(Describe(again) == Describe(head), "re-serialized head parsed differently");
    }
}
