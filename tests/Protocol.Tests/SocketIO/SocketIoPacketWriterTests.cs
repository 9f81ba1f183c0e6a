using SocketIo.Protocol.SocketIO;
using static SocketIo.Protocol.Tests.SocketIO.Wire;

namespace SocketIo.Protocol.Tests.SocketIO;

public sealed class SocketIoPacketWriterTests
{
    [Fact]
    public void Writes_connect_packets()
    {
        Assert.Equal("0", Write(o => SocketIoPacketWriter.WriteConnect(o, "/"u8)));
        Assert.Equal("0", Write(o => SocketIoPacketWriter.WriteConnect(o, default)));
        Assert.Equal("0/admin,{\"token\":\"123\"}", Write(o => SocketIoPacketWriter.WriteConnect(o, "/admin"u8, "{\"token\":\"123\"}"u8)));
        Assert.Equal("0{\"sid\":\"wZX3oN0bSVIhsaknAAAI\"}", Write(o => SocketIoPacketWriter.WriteConnectAccepted(o, "/"u8, "wZX3oN0bSVIhsaknAAAI"u8)));
        Assert.Equal("0/admin,{\"sid\":\"oSO0OpakMV_3jnilAAAA\"}", Write(o => SocketIoPacketWriter.WriteConnectAccepted(o, "/admin"u8, "oSO0OpakMV_3jnilAAAA"u8)));
        Assert.Equal("0{\"sid\":\"a\",\"pid\":\"b\\\"\"}", Write(o => SocketIoPacketWriter.WriteConnectAccepted(o, "/"u8, "a"u8, "b\""u8)));
    }

    [Fact]
    public void Writes_disconnect_packets()
    {
        Assert.Equal("1", Write(o => SocketIoPacketWriter.WriteDisconnect(o, "/"u8)));
        Assert.Equal("1/admin,", Write(o => SocketIoPacketWriter.WriteDisconnect(o, "/admin"u8)));
    }

    [Fact]
    public void Writes_connect_error_packets_leaving_out_absent_data()
    {
        Assert.Equal("4{\"message\":\"Not authorized\"}", Write(o => SocketIoPacketWriter.WriteConnectError(o, "/"u8, "Not authorized")));
        Assert.Equal("4/random,{\"message\":\"Invalid namespace\"}", Write(o => SocketIoPacketWriter.WriteConnectError(o, "/random"u8, "Invalid namespace")));
        Assert.Equal("4{\"message\":\"é\\n\\ud800\",\"data\":{\"code\":7}}", Write(o => SocketIoPacketWriter.WriteConnectError(o, "/"u8, "é\n\ud800", "{\"code\":7}"u8)));
    }

    [Fact]
    public void Writes_events_and_acks()
    {
        Assert.Equal("2[\"chat\",\"hi\"]", Write(o => SocketIoPacketWriter.WriteEvent(o, "/"u8, "chat"u8, "\"hi\""u8)));
        Assert.Equal("2/admin,[\"chat\",\"hi\"]", Write(o => SocketIoPacketWriter.WriteEvent(o, "/admin"u8, "chat"u8, "\"hi\""u8)));
        Assert.Equal("212[\"chat\"]", Write(o => SocketIoPacketWriter.WriteEvent(o, "/"u8, "chat"u8, default, ackId: 12)));
        Assert.Equal("2/admin,12[\"chat\"]", Write(o => SocketIoPacketWriter.WriteEvent(o, "/admin"u8, "chat"u8, default, 12)));
        Assert.Equal("29007199254740991[\"x\"]", Write(o => SocketIoPacketWriter.WriteEvent(o, "/"u8, "x"u8, default, 9007199254740991)));
        Assert.Equal("312[\"ok\"]", Write(o => SocketIoPacketWriter.WriteAck(o, "/"u8, 12, "\"ok\""u8)));
        Assert.Equal("3/admin,13[]", Write(o => SocketIoPacketWriter.WriteAck(o, "/admin"u8, 13, default)));
        Assert.Equal("3456[1,\"2\"]", Write(o => SocketIoPacketWriter.WriteAck(o, "/"u8, 456, "1,\"2\""u8)));
        Assert.Equal("2[\"a\\\"b\\u001e\u2028\"]", Write(o => SocketIoPacketWriter.WriteEvent(o, "/"u8, Bytes("a\"b\u001e\u2028"), default)));
    }

    [Fact]
    public void Writes_binary_headers_from_raw_arguments()
    {
        Assert.Equal("51-[\"up\",{\"_placeholder\":true,\"num\":0}]",
            Write(o => SocketIoPacketWriter.WriteEvent(o, "/"u8, "up"u8, "{\"_placeholder\":true,\"num\":0}"u8, attachmentCount: 1)));
        Assert.Equal("61-/admin,15[{\"_placeholder\":true,\"num\":0}]",
            Write(o => SocketIoPacketWriter.WriteAck(o, "/admin"u8, 15, "{\"_placeholder\":true,\"num\":0}"u8, attachmentCount: 1)));
        Assert.Equal("52-789[\"m\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]",
            Write(o => SocketIoPacketWriter.WritePacket(o, SocketIoPacketType.BinaryEvent, "/"u8, 789, 2,
                "[\"m\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]"u8)));
    }

    [Fact]
    public void Relay_forwards_received_arguments_byte_for_byte()
    {
        var received = Bytes("2/chat,5[\"msg\",{\"t\":\"é\\u00e9\"},[1,2.50],\"\\ud800\"]");
        Assert.Equal(SocketIoPacketError.None, SocketIoPacketReader.TryRead(received, out var packet));
        Span<byte> name = stackalloc byte[packet.RawEventName.Length];
        packet.TryGetEventName(name, out var nameLength);
        var args = packet.RawArguments.ToArray();
        var nameBytes = name[..nameLength].ToArray();
        Assert.Equal("2/chat,[\"msg\",{\"t\":\"é\\u00e9\"},[1,2.50],\"\\ud800\"]",
            Write(o => SocketIoPacketWriter.WriteEvent(o, "/chat"u8, nameBytes, args)));
    }

    [Fact]
    public void Refuses_reserved_names_and_malformed_namespaces()
    {
        Assert.Throws<ArgumentException>(() => Write(o => SocketIoPacketWriter.WriteEvent(o, "/"u8, "disconnect"u8, default)));
        Assert.Throws<ArgumentException>(() => Write(o => SocketIoPacketWriter.WriteEvent(o, "admin"u8, "x"u8, default)));
        Assert.Throws<ArgumentException>(() => Write(o => SocketIoPacketWriter.WriteEvent(o, "/a,b"u8, "x"u8, default)));
        Assert.Throws<ArgumentOutOfRangeException>(() => Write(o => SocketIoPacketWriter.WriteEvent(o, "/"u8, "x"u8, default, 9007199254740992)));
        Assert.Throws<ArgumentOutOfRangeException>(() => Write(o => SocketIoPacketWriter.WriteAck(o, "/"u8, -1, default)));
    }

    [Fact]
    public void Typed_builder_writes_json_stringify_output()
    {
        var text = Write(o =>
        {
            using var b = SocketIoPacketBuilder.CreateEvent("chat"u8);
            b.AddArgument(new ChatMessage("é<>&'+\u2028😀\ud800\u001e", 3, 1e21), TestJsonContext.Default.ChatMessage);
            b.AddArgument(0.1, TestJsonContext.Default.Double);
            b.AddArgument(-0.0, TestJsonContext.Default.Double);
            b.AddArgument(1e-7, TestJsonContext.Default.Double);
            b.AddRawArguments("[1.0, 1E+2 ,\"\\u00e9\"]"u8);
            b.WriteTo(o, "/admin"u8, ackId: 4);
        });
        Assert.Equal("2/admin,4[\"chat\",{\"Text\":\"é<>&'+\u2028😀\\ud800\\u001e\",\"Count\":3,\"Score\":1e+21},0.1,0,1e-7,[1,100,\"é\"]]", text);
    }

    [Fact]
    public void Typed_builder_takes_string_names_and_refuses_reserved_ones()
    {
        Assert.Equal("2[\"é\\n\\ud800\",1]", Write(o =>
        {
            using var b = SocketIoPacketBuilder.CreateEvent("é\n\ud800");
            b.AddArgument(1, TestJsonContext.Default.Int32);
            b.WriteTo(o, "/"u8);
        }));
        Assert.Throws<ArgumentException>(() => SocketIoPacketBuilder.CreateEvent("connect"));
        Assert.Throws<ArgumentException>(() => SocketIoPacketBuilder.CreateEvent("newListener"u8));
    }

    [Fact]
    public void Typed_builder_writes_acks()
    {
        Assert.Equal("37[\"ok\",2]", Write(o =>
        {
            using var b = SocketIoPacketBuilder.CreateAck();
            b.AddArgument("ok", TestJsonContext.Default.String);
            b.AddArgument(2, TestJsonContext.Default.Int32);
            b.WriteTo(o, "/"u8, 7);
        }));
        Assert.Equal("3/x,0[]", Write(o =>
        {
            using var b = SocketIoPacketBuilder.CreateAck();
            b.WriteTo(o, "/x"u8, 0);
        }));
    }

    [Fact]
    public void Reflection_overload_uses_the_socket_io_defaults()
    {
#pragma warning disable IL2026, IL3050 // the test exercises the reflection-based overload on purpose
        Assert.Equal("2[\"n\",{\"a\":\"<é>\",\"b\":1.5}]", Write(o =>
        {
            using var b = SocketIoPacketBuilder.CreateEvent("n"u8);
            b.AddArgument(new Dictionary<string, object> { ["a"] = "<é>", ["b"] = 1.5 });
            b.WriteTo(o, "/"u8);
        }));
#pragma warning restore IL2026, IL3050
    }
}
