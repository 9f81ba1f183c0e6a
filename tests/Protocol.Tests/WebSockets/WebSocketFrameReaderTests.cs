using System.Buffers;
using SocketIo.Fuzz;
using SocketIo.Protocol.WebSockets;
using static SocketIo.Protocol.Tests.WebSockets.ClientFrames;

namespace SocketIo.Protocol.Tests.WebSockets;

public sealed class WebSocketFrameReaderTests
{
    public static TheoryData<string> MalformedNames()
    {
        var data = new TheoryData<string>();
        foreach (var (name, _, _) in MalformedWebSocketFrames.All)
        {
            data.Add(name);
        }

        return data;
    }

    private static (string Name, byte[] Bytes, int CloseCode) Malformed(string name) =>
        MalformedWebSocketFrames.All.Single(c => c.Name == name);

    [Fact]
    public void Malformed_catalogue_has_at_least_25_distinct_cases()
    {
        Assert.True(MalformedWebSocketFrames.All.Count >= 25);
        Assert.Equal(MalformedWebSocketFrames.All.Count, MalformedWebSocketFrames.All.Select(c => c.Name).Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(MalformedNames))]
    public void Malformed_stream_fails_with_its_close_code(string name)
    {
        var (_, bytes, closeCode) = Malformed(name);
        var events = Read(bytes, maxMessageSize: 1_000_000);
        Assert.StartsWith($"invalid:{closeCode}:", events[^1], StringComparison.Ordinal);
        Assert.DoesNotContain(events.SkipLast(1), e => e.StartsWith("invalid", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(MalformedNames))]
    public void Malformed_stream_fails_the_same_way_split_at_every_position(string name)
    {
        var bytes = Malformed(name).Bytes;
        var whole = Read(bytes);
        for (var split = 1; split < bytes.Length; split++)
        {
            Assert.Equal(whole, WebSocketFrameTranscript.Read(bytes, [split], 1 << 24));
        }

        Assert.Equal(whole, WebSocketFrameTranscript.Read(bytes, Enumerable.Range(1, bytes.Length), 1 << 24));
    }

    [Theory]
    [InlineData(new byte[] { 0x81, 0x02, 0x68, 0x69 }, nameof(WebSocketFrameError.UnmaskedFrame))]
    [InlineData(new byte[] { 0xC1, 0x80, 1, 2, 3, 4 }, nameof(WebSocketFrameError.ReservedBitsSet))]
    [InlineData(new byte[] { 0x83, 0x80, 1, 2, 3, 4 }, nameof(WebSocketFrameError.ReservedOpcode))]
    [InlineData(new byte[] { 0x09, 0x80, 1, 2, 3, 4 }, nameof(WebSocketFrameError.FragmentedControlFrame))]
    [InlineData(new byte[] { 0x89, 0xFE, 0x00, 0x7E }, nameof(WebSocketFrameError.ControlFrameTooLong))]
    [InlineData(new byte[] { 0x82, 0xFF, 0x80, 0, 0, 0, 0, 0, 0, 0 }, nameof(WebSocketFrameError.LengthHighBitSet))]
    [InlineData(new byte[] { 0x82, 0xFE, 0x00, 0x7D }, nameof(WebSocketFrameError.NonMinimalLength))]
    [InlineData(new byte[] { 0x82, 0xFF, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF }, nameof(WebSocketFrameError.NonMinimalLength))]
    [InlineData(new byte[] { 0x80, 0x80, 1, 2, 3, 4 }, nameof(WebSocketFrameError.UnexpectedContinuation))]
    public void Header_violation_is_reported_with_its_error_before_the_payload_arrives(byte[] bytes, string error)
    {
        var (status, reader, _, consumed) = ReadOnce(bytes);
        Assert.Equal(WebSocketReadStatus.Invalid, status);
        Assert.Equal(error, reader.Error.ToString());
        Assert.Equal(WebSocketCloseCode.ProtocolError, reader.FailureCloseCode);
        Assert.Equal(0, consumed);
    }

    [Fact]
    public void Invalid_is_sticky_and_nothing_after_it_is_processed()
    {
        var bytes = Concat(Frame(WebSocketOpcode.Continuation, "x"u8), Frame(WebSocketOpcode.Text, "ok"u8));
        var reader = new WebSocketFrameReader(100);
        var message = new ArrayBufferWriter<byte>();
        var input = new SequenceReader<byte>(new ReadOnlySequence<byte>(bytes));
        Assert.Equal(WebSocketReadStatus.Invalid, reader.Read(ref input, message));
        Assert.Equal(WebSocketReadStatus.Invalid, reader.Read(ref input, message));
        Assert.Equal(0, message.WrittenCount);
        Assert.Equal(WebSocketFrameError.UnexpectedContinuation, reader.Error);
    }

    [Fact]
    public void Rfc_example_single_frame_masked_hello()
    {
        // RFC 6455 §5.7: "A single-frame masked text message".
        byte[] bytes = [0x81, 0x85, 0x37, 0xfa, 0x21, 0x3d, 0x7f, 0x9f, 0x4d, 0x51, 0x58];
        Assert.Equal([TextEvent("Hello")], Read(bytes));
    }

    [Fact]
    public void Rfc_example_masked_ping_is_surfaced_with_its_unmasked_payload()
    {
        byte[] bytes = [0x89, 0x85, 0x37, 0xfa, 0x21, 0x3d, 0x7f, 0x9f, 0x4d, 0x51, 0x58];
        Assert.Equal(["ping:" + Hex("Hello"u8)], Read(bytes));
    }

    [Fact]
    public void Fragmented_message_with_interleaved_controls_surfaces_controls_first()
    {
        var bytes = Concat(
            Frame(WebSocketOpcode.Text, "Hel"u8, isFinal: false),
            Frame(WebSocketOpcode.Ping, "p1"u8),
            Frame(WebSocketOpcode.Continuation, "l"u8, isFinal: false),
            Frame(WebSocketOpcode.Pong, []),
            Frame(WebSocketOpcode.Ping, []),
            Frame(WebSocketOpcode.Continuation, "o"u8),
            Frame(WebSocketOpcode.Binary, [1, 2, 3], isFinal: false),
            Frame(WebSocketOpcode.Continuation, [4]));
        Assert.Equal(["ping:" + Hex("p1"u8), "pong:", "ping:", TextEvent("Hello"), "binary:01020304"], Read(bytes));
    }

    [Fact]
    public void Text_split_inside_a_code_point_across_fragments_is_valid()
    {
        var euro = "€"u8.ToArray();
        var bytes = Concat(
            Frame(WebSocketOpcode.Text, euro[..1], isFinal: false),
            Frame(WebSocketOpcode.Continuation, euro[1..2], isFinal: false),
            Frame(WebSocketOpcode.Ping, "x"u8),
            Frame(WebSocketOpcode.Continuation, euro[2..]));
        Assert.Equal(["ping:78", TextEvent("€")], Read(bytes));
    }

    [Fact]
    public void Empty_messages_and_empty_fragments_are_delivered()
    {
        var bytes = Concat(
            Frame(WebSocketOpcode.Text, []),
            Frame(WebSocketOpcode.Binary, []),
            Frame(WebSocketOpcode.Text, [], isFinal: false),
            Frame(WebSocketOpcode.Continuation, [], isFinal: false),
            Frame(WebSocketOpcode.Continuation, []));
        Assert.Equal(["text:", "binary:", "text:"], Read(bytes));
    }

    [Fact]
    public void Binary_messages_are_not_utf8_validated()
    {
        Assert.Equal(["binary:C0FFEE"], Read(Frame(WebSocketOpcode.Binary, [0xC0, 0xFF, 0xEE])));
    }

    [Theory]
    [InlineData(125)]
    [InlineData(126)]
    [InlineData(65535)]
    [InlineData(65536)]
    [InlineData(70000)]
    public void Every_length_form_is_read(int length)
    {
        var payload = Enumerable.Range(0, length).Select(i => (byte)(i * 7)).ToArray();
        Assert.Equal(["binary:" + Hex(payload)], Read(Frame(WebSocketOpcode.Binary, payload)));
    }

    [Fact]
    public void Close_without_payload_reports_1005()
    {
        var (status, reader, _, _) = ReadOnce(Frame(WebSocketOpcode.Close, []));
        Assert.Equal(WebSocketReadStatus.Close, status);
        Assert.Equal(WebSocketCloseCode.NoStatusReceived, reader.CloseCode);
        Assert.True(reader.CloseReason.IsEmpty);
    }

    [Theory]
    [InlineData(1000)]
    [InlineData(1001)]
    [InlineData(1002)]
    [InlineData(1003)]
    [InlineData(1007)]
    [InlineData(1011)]
    [InlineData(1014)]
    [InlineData(3000)]
    [InlineData(4999)]
    public void Close_with_valid_code_and_reason_is_reported(int code)
    {
        byte[] payload = [(byte)(code >> 8), (byte)code, .. "bye ✓"u8];
        var (status, reader, _, _) = ReadOnce(Frame(WebSocketOpcode.Close, payload));
        Assert.Equal(WebSocketReadStatus.Close, status);
        Assert.Equal(code, reader.CloseCode);
        Assert.Equal("bye ✓"u8.ToArray(), reader.CloseReason.ToArray());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(999)]
    [InlineData(1004)]
    [InlineData(1005)]
    [InlineData(1006)]
    [InlineData(1015)]
    [InlineData(1016)]
    [InlineData(2999)]
    [InlineData(5000)]
    public void Close_with_invalid_code_fails_with_1002(int code)
    {
        var (status, reader, _, _) = ReadOnce(Frame(WebSocketOpcode.Close, [(byte)(code >> 8), (byte)code]));
        Assert.Equal(WebSocketReadStatus.Invalid, status);
        Assert.Equal(WebSocketFrameError.InvalidCloseCode, reader.Error);
        Assert.Equal(1002, reader.FailureCloseCode);
    }

    [Fact]
    public void Everything_after_a_close_is_discarded()
    {
        var bytes = Concat(Frame(WebSocketOpcode.Close, [0x03, 0xE8]), Frame(WebSocketOpcode.Text, "late"u8), [0xFF, 0xFF]);
        Assert.Equal(["close:1000:"], Read(bytes));
    }

    [Fact]
    public void Control_frame_with_125_byte_payload_is_accepted()
    {
        var payload = Enumerable.Range(0, 125).Select(i => (byte)i).ToArray();
        Assert.Equal(["pong:" + Hex(payload)], Read(Frame(WebSocketOpcode.Pong, payload)));
    }

    [Fact]
    public void Message_of_exactly_the_limit_passes_and_one_more_byte_fails_with_1009()
    {
        Assert.Equal(["binary:" + new string('0', 200)], Read(Frame(WebSocketOpcode.Binary, new byte[100]), maxMessageSize: 100));
        Assert.Equal(["invalid:1009:MessageTooBig"], Read(Frame(WebSocketOpcode.Binary, new byte[101]), maxMessageSize: 100));
    }

    [Fact]
    public void Limit_applies_to_the_running_total_of_fragments_before_the_payload_arrives()
    {
        var bytes = Concat(
            Frame(WebSocketOpcode.Text, new byte[60], isFinal: false),
            Frame(WebSocketOpcode.Continuation, new byte[40], isFinal: false),
            Frame(WebSocketOpcode.Continuation, new byte[1]));
        // Only the header of the third frame: the limit must trip without its payload.
        var headerEnd = bytes.Length - 1;
        Assert.Equal(["invalid:1009:MessageTooBig"], WebSocketFrameTranscript.Read(bytes.AsSpan(0, headerEnd), 100));
        // Control frames do not count towards the limit, and the limit resets per message.
        var ok = Concat(
            Frame(WebSocketOpcode.Text, new byte[60], isFinal: false),
            Frame(WebSocketOpcode.Ping, new byte[100]),
            Frame(WebSocketOpcode.Continuation, new byte[40]),
            Frame(WebSocketOpcode.Binary, new byte[100]));
        Assert.Equal(["ping:" + Hex(new byte[100]), "text:" + Hex(new byte[100]), "binary:" + Hex(new byte[100])], Read(ok, maxMessageSize: 100));
    }

    [Fact]
    public void Invalid_utf8_fails_fast_before_the_frame_is_complete()
    {
        var frame = Frame(WebSocketOpcode.Text, [(byte)'a', 0xED, 0xA0, .. new byte[100]]);
        var partial = frame[..(6 + 3)]; // header (2 + mask 4) and the first three payload bytes
        Assert.Equal(["invalid:1007:InvalidUtf8"], WebSocketFrameTranscript.Read(partial, 1000));
    }

    [Fact]
    public void Invalid_utf8_in_a_later_fragment_fails_before_the_message_ends()
    {
        var bytes = Concat(Frame(WebSocketOpcode.Text, "ok"u8, isFinal: false), Frame(WebSocketOpcode.Continuation, [0xF8], isFinal: false));
        Assert.Equal(["invalid:1007:InvalidUtf8"], Read(bytes));
    }

    [Fact]
    public void Incomplete_header_and_control_frame_are_left_unread_and_data_payload_is_consumed()
    {
        var text = Frame(WebSocketOpcode.Text, "hello"u8);
        var (status, _, message, consumed) = ReadOnce(text[..5]);
        Assert.Equal((WebSocketReadStatus.NeedMoreData, 0L), (status, consumed));

        (status, _, message, consumed) = ReadOnce(text[..8]);
        Assert.Equal((WebSocketReadStatus.NeedMoreData, 8L), (status, consumed));
        Assert.Equal("he"u8.ToArray(), message.WrittenSpan.ToArray());

        var ping = Frame(WebSocketOpcode.Ping, "abc"u8);
        (status, _, _, consumed) = ReadOnce(ping[..^1]);
        Assert.Equal((WebSocketReadStatus.NeedMoreData, 0L), (status, consumed));
    }

    private static byte[] MixedStream() => Concat(
        Frame(WebSocketOpcode.Text, "4hello"u8),
        Frame(WebSocketOpcode.Binary, Enumerable.Range(0, 300).Select(i => (byte)i).ToArray(), maskKey: 0x01020304),
        Frame(WebSocketOpcode.Text, "κόσ"u8, isFinal: false, maskKey: 0xA1B2C3D4),
        Frame(WebSocketOpcode.Ping, "are you there"u8),
        Frame(WebSocketOpcode.Continuation, "με 😀"u8, isFinal: false, maskKey: 0xFFFFFFFF),
        Frame(WebSocketOpcode.Pong, "x"u8),
        Frame(WebSocketOpcode.Continuation, "!"u8),
        Frame(WebSocketOpcode.Close, [0x0F, 0xA0, .. "done"u8]));

    [Fact]
    public void Mixed_stream_gives_the_same_events_split_at_every_position()
    {
        var bytes = MixedStream();
        var whole = Read(bytes);
        Assert.Equal(
            [TextEvent("4hello"), "binary:" + Hex(Enumerable.Range(0, 300).Select(i => (byte)i).ToArray()), "ping:" + Hex("are you there"u8),
             "pong:78", TextEvent("κόσμε 😀!"), "close:4000:" + Hex("done"u8)],
            whole);
        for (var split = 1; split < bytes.Length; split++)
        {
            Assert.Equal(whole, WebSocketFrameTranscript.Read(bytes, [split], 1 << 24));
        }

        Assert.Equal(whole, WebSocketFrameTranscript.Read(bytes, Enumerable.Range(1, bytes.Length), 1 << 24));
    }

    [Fact]
    public void Mixed_stream_gives_the_same_events_for_random_split_sets()
    {
        var bytes = MixedStream();
        var whole = Read(bytes);
        var random = new Random(42);
        for (var i = 0; i < 300; i++)
        {
            var points = Enumerable.Range(0, random.Next(1, 20)).Select(_ => random.Next(bytes.Length)).ToArray();
            Assert.Equal(whole, WebSocketFrameTranscript.Read(bytes, points, 1 << 24));
        }
    }

    [Fact]
    public void One_mebibyte_messages_single_frame_and_fragmented_read_in_4_KiB_pieces()
    {
        var random = new Random(7);
        var binary = new byte[1 << 20];
        random.NextBytes(binary);
        var text = System.Text.Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("héllo wörld ✓ 😀 ", (1 << 20) / 24)));
        var fragments = new List<byte[]>();
        for (var offset = 0; offset < text.Length; offset += 65_537)
        {
            var end = Math.Min(text.Length, offset + 65_537);
            fragments.Add(Frame(offset == 0 ? WebSocketOpcode.Text : WebSocketOpcode.Continuation, text.AsSpan(offset, end - offset),
                isFinal: end == text.Length, maskKey: (uint)offset));
            fragments.Add(Frame(WebSocketOpcode.Ping, [(byte)fragments.Count]));
        }

        var bytes = Concat([Frame(WebSocketOpcode.Binary, binary), .. fragments]);
        var reader = new WebSocketFrameReader(1 << 20);
        var message = new ArrayBufferWriter<byte>();
        var messages = new List<(WebSocketReadStatus, byte[])>();
        var pings = 0;
        byte[] unread = [];
        for (var offset = 0; offset < bytes.Length; offset += 4096)
        {
            var piece = bytes.AsSpan(offset, Math.Min(4096, bytes.Length - offset));
            var buffer = new ReadOnlySequence<byte>([.. unread, .. piece]);
            var input = new SequenceReader<byte>(buffer);
            WebSocketReadStatus status;
            while ((status = reader.Read(ref input, message)) != WebSocketReadStatus.NeedMoreData)
            {
                Assert.NotEqual(WebSocketReadStatus.Invalid, status);
                if (status == WebSocketReadStatus.Ping)
                {
                    pings++;
                    continue;
                }

                messages.Add((status, message.WrittenSpan.ToArray()));
                message.ResetWrittenCount();
            }

            unread = buffer.Slice(input.Position).ToArray();
            Assert.True(unread.Length < WebSocketProtocol.MaxClientHeaderLength + WebSocketProtocol.MaxControlPayloadLength);
        }

        Assert.Equal(2, messages.Count);
        Assert.Equal(WebSocketReadStatus.BinaryMessage, messages[0].Item1);
        Assert.Equal(binary, messages[0].Item2);
        Assert.Equal(WebSocketReadStatus.TextMessage, messages[1].Item1);
        Assert.Equal(text, messages[1].Item2);
        Assert.Equal(fragments.Count / 2, pings);
    }

    [Fact]
    public void Warm_read_loop_allocates_nothing()
    {
        var bytes = Concat(MixedStream()[..^12], Frame(WebSocketOpcode.Binary, new byte[5000]));
        var sequence = new ReadOnlySequence<byte>(bytes);
        var message = new ArrayBufferWriter<byte>(8192);
        var reader = new WebSocketFrameReader(1 << 20);
        ReadAllOnce(reader, sequence, message); // warm up: JIT, buffer growth

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            ReadAllOnce(reader, sequence, message);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    private static void ReadAllOnce(WebSocketFrameReader reader, ReadOnlySequence<byte> sequence, ArrayBufferWriter<byte> message)
    {
        var input = new SequenceReader<byte>(sequence);
        while (reader.Read(ref input, message) is var status && status != WebSocketReadStatus.NeedMoreData)
        {
            if (status == WebSocketReadStatus.Invalid)
            {
                throw new InvalidOperationException(reader.Error.ToString());
            }

            message.ResetWrittenCount();
        }
    }

    [Fact]
    public void Negative_limit_is_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new WebSocketFrameReader(-1));
    }
}
