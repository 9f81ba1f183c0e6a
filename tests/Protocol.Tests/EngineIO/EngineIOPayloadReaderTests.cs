using SocketIo.Protocol.EngineIO;
using static SocketIo.Protocol.Tests.EngineIO.EngineIOTestPackets;

namespace SocketIo.Protocol.Tests.EngineIO;

public sealed class EngineIOPayloadReaderTests
{
    [Fact]
    public void Protocol_example_payload_gives_message_ping_and_binary()
    {
        var packets = ReadPayload("4hello\u001e2\u001ebAQIDBA=="u8, out var error);

        Assert.Equal(EngineIOParseError.None, error);
        Assert.Equal(3, packets.Count);
        Assert.Equal(new DecodedPacket(EngineIOPacketType.Message, EngineIOPacketFormat.Text, Utf8("hello"), false), packets[0]);
        Assert.Equal(new DecodedPacket(EngineIOPacketType.Ping, EngineIOPacketFormat.Text, [], false), packets[1]);
        Assert.Equal(EngineIOPacketFormat.Base64, packets[2].Format);
        Assert.Equal(new byte[] { 1, 2, 3, 4 }, DecodeBinary(packets[2]));
    }

    [Theory]
    [InlineData("1", 1)]
    [InlineData("6\u001e1", 2)]
    [InlineData("0{\"sid\":\"lv_VI97HAXpY6yYWAAAC\",\"upgrades\":[\"websocket\"],\"pingInterval\":25000,\"pingTimeout\":20000,\"maxPayload\":1000000}", 1)]
    [InlineData("42[\"chat\",\"hi\"]\u001e42[\"chat\",\"ho\"]", 2)]
    [InlineData("b\u001eb", 2)]
    [InlineData("4\u001e4\u001e4", 3)]
    public void Protocol_examples_parse(string payload, int count)
    {
        var packets = ReadPayload(Utf8(payload), out var error);
        Assert.Equal(EngineIOParseError.None, error);
        Assert.Equal(count, packets.Count);
    }

    [Fact]
    public void Close_then_noop_payload_keeps_order()
    {
        var packets = ReadPayload("6\u001e1"u8, out _);
        Assert.Equal([EngineIOPacketType.Noop, EngineIOPacketType.Close], packets.Select(p => p.Type));
    }

    [Fact]
    public void Packets_before_an_invalid_part_are_still_produced()
    {
        var reader = new EngineIOPayloadReader("4a\u001e4b\u001e7\u001e4c"u8);
        Assert.True(reader.MoveNext());
        Assert.True(reader.MoveNext());
        Assert.Equal("b"u8.ToArray(), reader.Current.Data.ToArray());
        Assert.False(reader.MoveNext());
        Assert.Equal(EngineIOParseError.UnknownPacketType, reader.Error);
        Assert.Equal(2, reader.Count);
        Assert.False(reader.MoveNext());
        Assert.Equal(EngineIOParseError.UnknownPacketType, reader.Error);
    }

    [Fact]
    public void Valid_utf8_payload_flags_nothing()
    {
        var packets = ReadPayload(Utf8("4é😀\u2028\u001e4\u2029"), out var error);
        Assert.Equal(EngineIOParseError.None, error);
        Assert.All(packets, p => Assert.False(p.HasInvalidUtf8));
    }

    [Fact]
    public void Invalid_utf8_is_flagged_on_the_packet_that_holds_it_only()
    {
        // The second packet holds a truncated two-byte sequence; the reference would read "4x\uFFFD".
        var payload = Concat("4ok\u001e4x", (byte)0xC3, "\u001e4é\u001eb", (byte)0xFF);
        var packets = ReadPayload(payload, out var error);

        Assert.Equal(EngineIOParseError.None, error);
        Assert.Equal([false, true, false, false], packets.Select(p => p.HasInvalidUtf8));
        var replaced = new byte[Utf8Replacement.GetReplacedLength(packets[1].Data)];
        Utf8Replacement.Replace(packets[1].Data, replaced);
        Assert.Equal("x\uFFFD", System.Text.Encoding.UTF8.GetString(replaced));
    }

    [Fact]
    public void Invalid_base64_surfaces_when_decoded_in_order()
    {
        var reader = new EngineIOPayloadReader("4hello\u001eb!!!!\u001e4after"u8);
        Assert.True(reader.MoveNext());
        Assert.True(reader.MoveNext());
        var packet = reader.Current;
        Assert.False(packet.TryDecodeBinary(new byte[packet.GetMaxDecodedLength()], out _, out var error));
        Assert.Equal(EngineIOParseError.InvalidBase64, error);
    }
}
