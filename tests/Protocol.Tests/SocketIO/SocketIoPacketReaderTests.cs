using SocketIo.Protocol.SocketIO;
using static SocketIo.Protocol.Tests.SocketIO.Wire;

namespace SocketIo.Protocol.Tests.SocketIO;

public sealed class SocketIoPacketReaderTests
{
    // PROTOCOL.md 2.2, the Engine.IO "4" removed: type, attachments, namespace, ack id, payload.
    [Theory]
    [InlineData("0", SocketIoPacketType.Connect, 0, "/", -1, "")]
    [InlineData("0/admin,{\"token\":\"123\"}", SocketIoPacketType.Connect, 0, "/admin", -1, "{\"token\":\"123\"}")]
    [InlineData("0{\"sid\":\"wZX3oN0bSVIhsaknAAAI\"}", SocketIoPacketType.Connect, 0, "/", -1, "{\"sid\":\"wZX3oN0bSVIhsaknAAAI\"}")]
    [InlineData("0/admin,{\"sid\":\"oSO0OpakMV_3jnilAAAA\"}", SocketIoPacketType.Connect, 0, "/admin", -1, "{\"sid\":\"oSO0OpakMV_3jnilAAAA\"}")]
    [InlineData("0/custom", SocketIoPacketType.Connect, 0, "/custom", -1, "")]
    [InlineData("1", SocketIoPacketType.Disconnect, 0, "/", -1, "")]
    [InlineData("1/admin,", SocketIoPacketType.Disconnect, 0, "/admin", -1, "")]
    [InlineData("2[\"chat\",\"hi\"]", SocketIoPacketType.Event, 0, "/", -1, "[\"chat\",\"hi\"]")]
    [InlineData("2/admin,[\"chat\",\"hi\"]", SocketIoPacketType.Event, 0, "/admin", -1, "[\"chat\",\"hi\"]")]
    [InlineData("212[\"chat\"]", SocketIoPacketType.Event, 0, "/", 12, "[\"chat\"]")]
    [InlineData("2/admin,12[\"chat\"]", SocketIoPacketType.Event, 0, "/admin", 12, "[\"chat\"]")]
    [InlineData("312[\"ok\"]", SocketIoPacketType.Ack, 0, "/", 12, "[\"ok\"]")]
    [InlineData("3/admin,13[]", SocketIoPacketType.Ack, 0, "/admin", 13, "[]")]
    [InlineData("51-[\"up\",{\"_placeholder\":true,\"num\":0}]", SocketIoPacketType.BinaryEvent, 1, "/", -1, "[\"up\",{\"_placeholder\":true,\"num\":0}]")]
    [InlineData("61-/admin,15[{\"_placeholder\":true,\"num\":0}]", SocketIoPacketType.BinaryAck, 1, "/admin", 15, "[{\"_placeholder\":true,\"num\":0}]")]
    [InlineData("52-789[\"m\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]", SocketIoPacketType.BinaryEvent, 2, "/", 789, "[\"m\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]")]
    [InlineData("2456[\"message-with-ack\",1,\"2\"]", SocketIoPacketType.Event, 0, "/", 456, "[\"message-with-ack\",1,\"2\"]")]
    [InlineData("29007199254740991[\"max\"]", SocketIoPacketType.Event, 0, "/", 9007199254740991, "[\"max\"]")]
    [InlineData("2[42]", SocketIoPacketType.Event, 0, "/", -1, "[42]")]
    [InlineData("2/,[\"a\"]", SocketIoPacketType.Event, 0, "/", -1, "[\"a\"]")]
    [InlineData("50-[\"none\"]", SocketIoPacketType.BinaryEvent, 0, "/", -1, "[\"none\"]")]
    public void Parses_protocol_examples(string message, SocketIoPacketType type, int attachments, string nsp, long ackId, string payload)
    {
        Assert.Equal(SocketIoPacketError.None, SocketIoPacketReader.TryRead(Bytes(message), out var packet));
        Assert.Equal(type, packet.Type);
        Assert.Equal(attachments, packet.AttachmentCount);
        Assert.Equal(nsp, Wire.Text(packet.Namespace));
        Assert.Equal(ackId, packet.AckId);
        Assert.Equal(ackId >= 0, packet.HasAckId);
        Assert.Equal(payload, Wire.Text(packet.Payload));
    }

    [Fact]
    public void Connect_error_is_accepted_only_on_the_client_side()
    {
        var message = Bytes("4/random,{\"message\":\"Invalid namespace\"}");
        Assert.Equal(SocketIoPacketError.ConnectErrorFromClient, SocketIoPacketReader.TryRead(message, out _));
        Assert.Equal(SocketIoPacketError.None, SocketIoPacketReader.TryRead(message, out var packet, acceptConnectError: true));
        Assert.Equal(SocketIoPacketType.ConnectError, packet.Type);
        Assert.Equal("/random", Wire.Text(packet.Namespace));
        Assert.Equal(SocketIoPacketError.None, SocketIoPacketReader.TryRead(Bytes("4\"Not authorized\""), out _, acceptConnectError: true));
    }

    public static TheoryData<string, SocketIoPacketError> Malformed() => new()
    {
        { "", SocketIoPacketError.Empty },
        { "abc", SocketIoPacketError.InvalidType },
        { "7[\"a\"]", SocketIoPacketError.InvalidType },
        { "9", SocketIoPacketError.InvalidType },
        { "/", SocketIoPacketError.InvalidType },
        { " 2[\"a\"]", SocketIoPacketError.InvalidType },
        { "2{}", SocketIoPacketError.InvalidEventPayload },
        { "2\"chat\"", SocketIoPacketError.InvalidEventPayload },
        { "2null", SocketIoPacketError.InvalidEventPayload },
        { "2[]", SocketIoPacketError.EmptyEvent },
        { "2[ ]", SocketIoPacketError.EmptyEvent },
        { "2abc[\"x\"]", SocketIoPacketError.InvalidJson },
        { "2[\"disconnect\"]", SocketIoPacketError.ReservedEventName },
        { "2[\"connect\"]", SocketIoPacketError.ReservedEventName },
        { "2[\"connect_error\",1]", SocketIoPacketError.ReservedEventName },
        { "2[\"disconnecting\"]", SocketIoPacketError.ReservedEventName },
        { "2[\"newListener\"]", SocketIoPacketError.ReservedEventName },
        { "2[\"removeListener\"]", SocketIoPacketError.ReservedEventName },
        { "2[\"\\u0063onnect\"]", SocketIoPacketError.ReservedEventName },
        { "2[null]", SocketIoPacketError.InvalidEventName },
        { "2[{\"a\":1}]", SocketIoPacketError.InvalidEventName },
        { "2[[\"a\"]]", SocketIoPacketError.InvalidEventName },
        { "2[true,1]", SocketIoPacketError.InvalidEventName },
        { "2", SocketIoPacketError.MissingPayload },
        { "2/admin,", SocketIoPacketError.MissingPayload },
        { "212", SocketIoPacketError.MissingPayload },
        { "3", SocketIoPacketError.MissingPayload },
        { "31{}", SocketIoPacketError.InvalidAckPayload },
        { "31\"ok\"", SocketIoPacketError.InvalidAckPayload },
        { "0[]", SocketIoPacketError.InvalidConnectPayload },
        { "0null", SocketIoPacketError.InvalidConnectPayload },
        { "0\"token\"", SocketIoPacketError.InvalidConnectPayload },
        { "0,", SocketIoPacketError.InvalidJson },
        { "0admin,", SocketIoPacketError.InvalidJson },
        { "0/custom{\"a\":1,\"b\":2}", SocketIoPacketError.InvalidJson },
        { "1{}", SocketIoPacketError.UnexpectedPayload },
        { "1/admin,[]", SocketIoPacketError.UnexpectedPayload },
        { "4{\"message\":\"x\"}", SocketIoPacketError.ConnectErrorFromClient },
        { "5-[\"a\"]", SocketIoPacketError.InvalidAttachmentCount },
        { "5a-[]", SocketIoPacketError.InvalidAttachmentCount },
        { "5[\"a\"]", SocketIoPacketError.InvalidAttachmentCount },
        { "51[\"a\"]", SocketIoPacketError.InvalidAttachmentCount },
        { "5 1-[\"a\"]", SocketIoPacketError.InvalidAttachmentCount },
        { "6-[]", SocketIoPacketError.InvalidAttachmentCount },
        { "511-[\"a\"]", SocketIoPacketError.TooManyAttachments },
        { "699999999999999999999-[]", SocketIoPacketError.TooManyAttachments },
        { "29007199254740992[\"a\"]", SocketIoPacketError.AckIdOverflow },
        { "399999999999999999999999[]", SocketIoPacketError.AckIdOverflow },
        { "2[\"a\"", SocketIoPacketError.InvalidJson },
        { "2[\"a\",]", SocketIoPacketError.InvalidJson },
        { "2[\"a\"]x", SocketIoPacketError.InvalidJson },
        { "2[\"a\"][\"b\"]", SocketIoPacketError.InvalidJson },
        { "2['a']", SocketIoPacketError.InvalidJson },
        { "2[\"a\",NaN]", SocketIoPacketError.InvalidJson },
        { "2[\"a\\x\"]", SocketIoPacketError.InvalidJson },
        { "2[\"a\u0001\"]", SocketIoPacketError.InvalidJson },
        { "2[\"a\",01]", SocketIoPacketError.InvalidJson },
        { "2[\"a\"]//c", SocketIoPacketError.InvalidJson },
        { "51-[\"up\",{\"_placeholder\":true,\"num\":1}]", SocketIoPacketError.InvalidPlaceholder },
        { "51-[\"up\",{\"_placeholder\":true,\"num\":-1}]", SocketIoPacketError.InvalidPlaceholder },
        { "51-[\"up\",{\"_placeholder\":true,\"num\":0.5}]", SocketIoPacketError.InvalidPlaceholder },
        { "51-[\"up\",{\"_placeholder\":true,\"num\":\"0\"}]", SocketIoPacketError.InvalidPlaceholder },
        { "51-[\"up\",{\"_placeholder\":true}]", SocketIoPacketError.InvalidPlaceholder },
        { "51-[\"up\",{\"a\":[{\"b\":{\"_placeholder\":true,\"num\":3}}]}]", SocketIoPacketError.InvalidPlaceholder },
        { "60-1[{\"_placeholder\":true,\"num\":0}]", SocketIoPacketError.InvalidPlaceholder },
        { "61-1[{\"num\":7,\"_placeholder\":true}]", SocketIoPacketError.InvalidPlaceholder },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Rejects_malformed_input_with_a_typed_error(string message, SocketIoPacketError expected)
    {
        Assert.Equal(expected, SocketIoPacketReader.TryRead(Bytes(message), out var packet));
        if (expected != SocketIoPacketError.None)
        {
            Assert.Equal(default(SocketIoPacketType), packet.Type);
            Assert.True(packet.Payload.IsEmpty);
        }
    }

    [Fact]
    public void Malformed_table_is_large_enough()
    {
        Assert.True(Malformed().Count >= 40);
    }

    [Fact]
    public void Eleven_attachments_exceed_the_default_and_a_raised_limit_accepts_them()
    {
        var message = Bytes("511-[\"a\"]");
        Assert.Equal(SocketIoPacketError.TooManyAttachments, SocketIoPacketReader.TryRead(message, out _));
        Assert.Equal(SocketIoPacketError.None, SocketIoPacketReader.TryRead(message, out var packet, maxAttachments: 11));
        Assert.Equal(11, packet.AttachmentCount);
        Assert.Equal(SocketIoPacketError.None, SocketIoPacketReader.TryRead(Bytes("510-[\"a\"]"), out _));
    }

    [Fact]
    public void Rejects_invalid_utf8_anywhere()
    {
        byte[][] inputs =
        [
            [(byte)'2', (byte)'[', (byte)'"', 0xFF, (byte)'"', (byte)']'],
            [(byte)'2', (byte)'[', (byte)'"', 0xC3, (byte)'"', (byte)']'],
            [(byte)'2', (byte)'[', (byte)'"', 0xED, 0xA0, 0x80, (byte)'"', (byte)']'], // UTF-8 encoded surrogate
            [(byte)'2', (byte)'/', 0xC0, 0x80, (byte)',', (byte)'[', (byte)'"', (byte)'a', (byte)'"', (byte)']'],
        ];
        foreach (var input in inputs)
        {
            Assert.Equal(SocketIoPacketError.InvalidUtf8, SocketIoPacketReader.TryRead(input, out _));
        }
    }

    [Fact]
    public void Namespace_is_read_up_to_the_comma_or_the_end_and_checked_for_utf8()
    {
        Assert.Equal(SocketIoPacketError.None, SocketIoPacketReader.TryRead(Bytes("0/admin"), out var packet));
        Assert.Equal("/admin", Wire.Text(packet.Namespace));
        Assert.True(packet.Payload.IsEmpty);
        Assert.Equal(SocketIoPacketError.None, SocketIoPacketReader.TryRead(Bytes("1/é"), out packet));
        Assert.Equal("/é", Wire.Text(packet.Namespace));
        Assert.Equal(SocketIoPacketError.None, SocketIoPacketReader.TryRead(Bytes("2/a,12[\"x\"]"), out packet));
        Assert.Equal(("/a", 12L), (Wire.Text(packet.Namespace), packet.AckId));
        Assert.Equal(SocketIoPacketError.None, SocketIoPacketReader.TryRead(Bytes("0/,"), out packet));
        Assert.Equal("/", Wire.Text(packet.Namespace));

        // Invalid UTF-8 in a namespace without a comma, and a valid one followed by invalid JSON.
        Assert.Equal(SocketIoPacketError.InvalidUtf8, SocketIoPacketReader.TryRead([(byte)'1', (byte)'/', 0xC3], out _));
        Assert.Equal(SocketIoPacketError.InvalidUtf8, SocketIoPacketReader.TryRead([(byte)'1', (byte)'/', (byte)'a', 0xFF, (byte)'b'], out _));
        Assert.Equal(SocketIoPacketError.InvalidJson, SocketIoPacketReader.TryRead(Bytes("2/é,[x]"), out _));
    }

    [Fact]
    public void A_failed_read_leaves_a_default_packet()
    {
        Assert.Equal(SocketIoPacketError.None, SocketIoPacketReader.TryRead(Bytes("2/chat,5[\"a\",1]"), out var packet));
        Assert.Equal(SocketIoPacketError.InvalidJson, SocketIoPacketReader.TryRead(Bytes("2/chat,5[\"a\",1"), out packet));
        Assert.Equal((default(SocketIoPacketType), 0, 0L, 0), (packet.Type, packet.Namespace.Length, packet.AckId, packet.Payload.Length));
        Assert.Equal(0, packet.GetArguments().Count());
        Assert.True(packet.RawEventName.IsEmpty);
    }

    [Fact]
    public void Non_ascii_text_is_kept_as_is()
    {
        Assert.Equal(SocketIoPacketError.None, SocketIoPacketReader.TryRead(Bytes("2/é,[\"ü\u2028\",\"😀\"]"), out var packet));
        Assert.Equal("/é", Wire.Text(packet.Namespace));
        Assert.True(packet.EventNameEquals(Bytes("ü\u2028")));
        var args = packet.GetArguments();
        Assert.True(args.MoveNext());
        Assert.Equal("\"😀\"", Wire.Text(args.Current));
    }

    [Fact]
    public void Event_name_and_arguments_are_views_over_the_input()
    {
        Assert.Equal(SocketIoPacketError.None, SocketIoPacketReader.TryRead(Bytes("2/chat,7[\"msg\", 1 ,{\"a\":[1,2]},[3],\"x\",null]"), out var packet));
        Assert.True(packet.EventNameEquals("msg"u8));
        Assert.False(packet.EventNameEquals("ms"u8));
        Assert.False(packet.EventNameIsEscaped);
        Assert.Equal("msg", packet.GetEventNameString());
        var seen = new List<string>();
        foreach (var arg in packet.GetArguments())
        {
            seen.Add(Wire.Text(arg));
        }

        Assert.Equal(["1", "{\"a\":[1,2]}", "[3]", "\"x\"", "null"], seen);
        Assert.Equal(5, packet.GetArguments().Count());
        Assert.Equal("1 ,{\"a\":[1,2]},[3],\"x\",null", Wire.Text(packet.RawArguments));
    }

    [Theory]
    [InlineData("2[\"e\"")]
    [InlineData("3")]
    public void Arguments_past_the_recorded_offsets_are_found_by_walking(string head)
    {
        // The scan records the first eight elements' offsets; the rest are found by skipping values. Whitespace
        // around every comma, containers and strings with brackets in them exercise both routes.
        var elements = new[] { "1", "\"a,]\"", "{\"k\": [1, {\"x\": \"}\"}]}", "[ ]", "true", "-2.5e3", "null", "\"\\\"\"", "{ }", "[[0]]", "\"tail\"", "12" };
        var message = head + (head == "3" ? "[" : ", ") + string.Join(" ,\n ", elements) + " ]";
        Assert.Equal(SocketIoPacketError.None, SocketIoPacketReader.TryRead(Bytes(message), out var packet));
        var seen = new List<string>();
        foreach (var arg in packet.GetArguments())
        {
            seen.Add(Wire.Text(arg));
        }

        Assert.Equal(elements, seen);
    }

    [Fact]
    public void Escaped_event_names_are_compared_and_copied_unescaped()
    {
        Assert.Equal(SocketIoPacketError.None, SocketIoPacketReader.TryRead(Bytes("2[\"c\\u0068at\\n\\ud83d\\ude00\\\"\"]"), out var packet));
        Assert.True(packet.EventNameIsEscaped);
        Assert.Equal("c\\u0068at\\n\\ud83d\\ude00\\\"", Wire.Text(packet.RawEventName));
        Assert.True(packet.EventNameEquals(Bytes("chat\n😀\"")));
        Assert.False(packet.EventNameEquals("chat"u8));
        Span<byte> name = stackalloc byte[packet.RawEventName.Length];
        Assert.True(packet.TryGetEventName(name, out var length));
        Assert.Equal("chat\n😀\"", Wire.Text(name[..length]));
        Assert.False(packet.TryGetEventName(new byte[3], out _));
        Assert.Equal(0, packet.GetArguments().Count());
        Assert.True(packet.RawArguments.IsEmpty);
    }

    [Fact]
    public void Lone_surrogate_in_an_event_name_is_accepted_and_unescapes_to_replacement_character()
    {
        Assert.Equal(SocketIoPacketError.None, SocketIoPacketReader.TryRead(Bytes("2[\"a\\ud800\"]"), out var packet));
        Assert.Equal("a\uFFFD", packet.GetEventNameString());
    }

    [Fact]
    public void Escaped_lone_surrogates_in_names_and_keys_do_not_throw()
    {
        // Found by the sio-packet smoke fuzzer: Utf8JsonReader.ValueTextEquals throws on these.
        Assert.Equal(SocketIoPacketError.None, SocketIoPacketReader.TryRead(Bytes("2[\"c\\u0069at\\n\\ud83d\\ude003d\\ude00\\\"\"]"), out var packet));
        Assert.False(packet.EventNameEquals("cat"u8));
        Assert.Equal(SocketIoPacketError.None, SocketIoPacketReader.TryRead(Bytes("51-[\"a\",{\"\\udc00\":true,\"num\":9}]"), out _));
    }

    [Fact]
    public void Numeric_event_name_is_accepted_like_the_reference()
    {
        Assert.Equal(SocketIoPacketError.None, SocketIoPacketReader.TryRead(Bytes("2[12,\"x\"]"), out var packet));
        Assert.True(packet.EventNameIsNumber);
        Assert.Equal("12", Wire.Text(packet.RawEventName));
        Assert.True(packet.EventNameEquals("12"u8));
        Assert.Equal("\"x\"", Wire.Text(packet.RawArguments));
    }

    [Fact]
    public void Ack_arguments_include_every_element()
    {
        Assert.Equal(SocketIoPacketError.None, SocketIoPacketReader.TryRead(Bytes("3/admin,13[1,\"2\"]"), out var packet));
        Assert.False(packet.EventNameEquals("1"u8));
        Assert.True(packet.RawEventName.IsEmpty);
        Assert.Equal("1,\"2\"", Wire.Text(packet.RawArguments));
        Assert.Equal(2, packet.GetArguments().Count());
    }

    [Fact]
    public void Placeholders_in_plain_events_are_ordinary_objects()
    {
        Assert.Equal(SocketIoPacketError.None, SocketIoPacketReader.TryRead(Bytes("2[\"a\",{\"_placeholder\":true,\"num\":99}]"), out _));
    }

    [Theory]
    [InlineData("0", true)]
    [InlineData("2", true)]
    [InlineData("3", false)]
    [InlineData("1.0", true)]
    [InlineData("1.5", false)]
    [InlineData("1e0", true)]
    [InlineData("2E-1", false)]
    [InlineData("-0", true)]
    [InlineData("-1", false)]
    [InlineData("123456789", false)]
    [InlineData("1234567890", false)]
    [InlineData("\"1\"", false)]
    [InlineData("null", false)]
    public void Placeholder_num_is_compared_as_a_javascript_number(string num, bool valid)
    {
        var message = Bytes("53-[\"a\",{\"_placeholder\":true,\"num\":" + num + "}]");
        Assert.Equal(valid ? SocketIoPacketError.None : SocketIoPacketError.InvalidPlaceholder, SocketIoPacketReader.TryRead(message, out _));
    }

    [Fact]
    public void Placeholder_detection_honours_escapes_duplicates_and_false_flags()
    {
        Assert.Equal(SocketIoPacketError.InvalidPlaceholder, SocketIoPacketReader.TryRead(Bytes("51-[\"a\",{\"\\u005fplaceholder\":true,\"num\":4}]"), out _));
        Assert.Equal(SocketIoPacketError.None, SocketIoPacketReader.TryRead(Bytes("51-[\"a\",{\"_placeholder\":false,\"num\":4}]"), out _));
        Assert.Equal(SocketIoPacketError.None, SocketIoPacketReader.TryRead(Bytes("51-[\"a\",{\"_placeholder\":true,\"num\":4,\"num\":0}]"), out _));
        Assert.Equal(SocketIoPacketError.None, SocketIoPacketReader.TryRead(Bytes("52-[\"a\",{\"x\":{\"_placeholder\":true,\"num\":1.0}},[{\"_placeholder\":true,\"num\":0}]]"), out _));
        Assert.True(SocketIoPlaceholder.TryRead("{\"_placeholder\":true,\"num\":3}"u8, out var num));
        Assert.Equal(3, num);
        Assert.False(SocketIoPlaceholder.TryRead("{\"_placeholder\":false,\"num\":3}"u8, out _));
        Assert.False(SocketIoPlaceholder.TryRead("[1]"u8, out _));
        Assert.False(SocketIoPlaceholder.TryRead("{\"_placeholder\":true"u8, out _));
    }
}
