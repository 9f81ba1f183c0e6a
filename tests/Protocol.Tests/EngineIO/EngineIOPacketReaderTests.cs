using SocketIo.Protocol.EngineIO;
using static SocketIo.Protocol.Tests.EngineIO.EngineIOTestPackets;

namespace SocketIo.Protocol.Tests.EngineIO;

public sealed class EngineIOPacketReaderTests
{
    [Theory]
    [InlineData("0{\"sid\":\"abc\"}", (int)EngineIOPacketType.Open, "{\"sid\":\"abc\"}")]
    [InlineData("1", (int)EngineIOPacketType.Close, "")]
    [InlineData("2", (int)EngineIOPacketType.Ping, "")]
    [InlineData("2probe", (int)EngineIOPacketType.Ping, "probe")]
    [InlineData("3", (int)EngineIOPacketType.Pong, "")]
    [InlineData("3probe", (int)EngineIOPacketType.Pong, "probe")]
    [InlineData("4", (int)EngineIOPacketType.Message, "")]
    [InlineData("4hello", (int)EngineIOPacketType.Message, "hello")]
    [InlineData("42[\"chat\",\"hi\"]", (int)EngineIOPacketType.Message, "2[\"chat\",\"hi\"]")]
    [InlineData("4héllo 😀 \u2028\u2029", (int)EngineIOPacketType.Message, "héllo 😀 \u2028\u2029")]
    [InlineData("5", (int)EngineIOPacketType.Upgrade, "")]
    [InlineData("6", (int)EngineIOPacketType.Noop, "")]
    public void Text_message_gives_type_and_data(string message, int typeValue, string data)
    {
        var type = (EngineIOPacketType)typeValue;
        Assert.True(EngineIOPacketReader.TryReadText(Utf8(message), out var packet, out var error));
        Assert.Equal(EngineIOParseError.None, error);
        Assert.Equal(type, packet.Type);
        Assert.Equal(EngineIOPacketFormat.Text, packet.Format);
        Assert.False(packet.IsBinary);
        Assert.False(packet.HasInvalidUtf8);
        Assert.Equal(data, System.Text.Encoding.UTF8.GetString(packet.Data));
    }

    [Fact]
    public void Probe_is_recognised_only_exactly()
    {
        Assert.True(EngineIOPacketReader.TryReadText("2probe"u8, out var probe, out _));
        Assert.True(probe.IsProbe);
        Assert.True(EngineIOPacketReader.TryReadText("3probe"u8, out var pong, out _));
        Assert.True(pong.IsProbe);
        Assert.True(EngineIOPacketReader.TryReadText("2probes"u8, out var other, out _));
        Assert.False(other.IsProbe);
        Assert.True(EngineIOPacketReader.TryReadText("2"u8, out var ping, out _));
        Assert.False(ping.IsProbe);
    }

    [Fact]
    public void Base64_text_message_is_a_binary_message()
    {
        Assert.True(EngineIOPacketReader.TryReadText("bAQIDBA=="u8, out var packet, out _));
        Assert.Equal(EngineIOPacketType.Message, packet.Type);
        Assert.Equal(EngineIOPacketFormat.Base64, packet.Format);
        Assert.True(packet.IsBinary);
        Assert.Equal("AQIDBA=="u8.ToArray(), packet.Data.ToArray());
        Assert.Equal(6, packet.GetMaxDecodedLength());
        Assert.Equal(new byte[] { 1, 2, 3, 4 }, DecodeBinary(packet));
    }

    [Fact]
    public void Lone_b_is_an_empty_binary_message()
    {
        Assert.True(EngineIOPacketReader.TryReadText("b"u8, out var packet, out _));
        Assert.True(packet.IsBinary);
        Assert.Empty(DecodeBinary(packet));
    }

    [Theory]
    [InlineData(new byte[] { })]
    [InlineData(new byte[] { 1, 2, 3, 4 })]
    [InlineData(new byte[] { (byte)'4', (byte)'h', (byte)'i' })]
    [InlineData(new byte[] { 0x1E, 0xFF, 0x00 })]
    public void Binary_frame_is_a_message_with_the_whole_frame_as_data(byte[] frame)
    {
        var packet = EngineIOPacketReader.ReadBinary(frame);
        Assert.Equal(EngineIOPacketType.Message, packet.Type);
        Assert.Equal(EngineIOPacketFormat.Binary, packet.Format);
        Assert.True(packet.IsBinary);
        Assert.Equal(frame, packet.Data.ToArray());
        Assert.Equal(frame.Length, packet.GetMaxDecodedLength());
        Assert.Equal(frame, DecodeBinary(packet));
    }

    [Fact]
    public void Decoding_into_a_short_buffer_reports_destination_too_small()
    {
        Assert.True(EngineIOPacketReader.TryReadText("bAQIDBA=="u8, out var packet, out _));
        Assert.False(packet.TryDecodeBinary(new byte[3], out var written, out var error));
        Assert.Equal(0, written);
        Assert.Equal(EngineIOParseError.DestinationTooSmall, error);

        var raw = EngineIOPacketReader.ReadBinary([1, 2, 3]);
        Assert.False(raw.TryDecodeBinary(new byte[2], out _, out error));
        Assert.Equal(EngineIOParseError.DestinationTooSmall, error);
    }

    [Fact]
    public void Text_packet_decodes_to_its_utf8_bytes()
    {
        Assert.True(EngineIOPacketReader.TryReadText("4hé"u8, out var packet, out _));
        Assert.Equal("hé"u8.ToArray(), DecodeBinary(packet));
    }
}
