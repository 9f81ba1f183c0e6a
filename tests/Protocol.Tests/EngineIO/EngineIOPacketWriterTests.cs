using System.Buffers;
using System.Text;
using SocketIo.Protocol.EngineIO;
using static SocketIo.Protocol.Tests.EngineIO.EngineIOTestPackets;

namespace SocketIo.Protocol.Tests.EngineIO;

public sealed class EngineIOPacketWriterTests
{
    [Theory]
    [InlineData((int)EngineIOPacketType.Open, "{}", "0{}")]
    [InlineData((int)EngineIOPacketType.Close, "", "1")]
    [InlineData((int)EngineIOPacketType.Ping, "", "2")]
    [InlineData((int)EngineIOPacketType.Ping, "probe", "2probe")]
    [InlineData((int)EngineIOPacketType.Pong, "probe", "3probe")]
    [InlineData((int)EngineIOPacketType.Message, "hello", "4hello")]
    [InlineData((int)EngineIOPacketType.Message, "😀\u2028é", "4😀\u2028é")]
    [InlineData((int)EngineIOPacketType.Upgrade, "", "5")]
    [InlineData((int)EngineIOPacketType.Noop, "", "6")]
    public void Text_packet_is_type_digit_and_data(int typeValue, string data, string expected)
    {
        var type = (EngineIOPacketType)typeValue;
        var bytes = new ArrayBufferWriter<byte>();
        EngineIOPacketWriter.WriteText(bytes, type, Utf8(data));
        Assert.Equal(expected, Encoding.UTF8.GetString(bytes.WrittenSpan));

        var chars = new ArrayBufferWriter<byte>();
        EngineIOPacketWriter.WriteText(chars, type, data.AsSpan());
        Assert.Equal(expected, Encoding.UTF8.GetString(chars.WrittenSpan));

        var span = new byte[EngineIOPacketWriter.GetTextLength(Utf8(data).Length)];
        Assert.Equal(span.Length, EngineIOPacketWriter.WriteText(span, type, Utf8(data)));
        Assert.Equal(expected, Encoding.UTF8.GetString(span));
    }

    [Fact]
    public void Lone_surrogate_in_char_data_becomes_replacement_character()
    {
        var output = new ArrayBufferWriter<byte>();
        EngineIOPacketWriter.WriteText(output, EngineIOPacketType.Message, "a\ud800b".AsSpan());
        Assert.Equal(Concat("4a", new byte[] { 0xEF, 0xBF, 0xBD }, "b"), output.WrittenSpan.ToArray());
    }

    [Theory]
    [InlineData(new byte[] { 1, 2, 3, 4 }, "bAQIDBA==")]
    [InlineData(new byte[] { }, "b")]
    [InlineData(new byte[] { 0xFF }, "b/w==")]
    [InlineData(new byte[] { 0xFB, 0xEF }, "b++8=")]
    [InlineData(new byte[] { 1, 2, 3 }, "bAQID")]
    public void Binary_over_polling_is_b_and_padded_standard_base64(byte[] data, string expected)
    {
        var output = new ArrayBufferWriter<byte>();
        EngineIOPacketWriter.WriteBase64Binary(output, data);
        Assert.Equal(expected, Encoding.ASCII.GetString(output.WrittenSpan));
        Assert.Equal(expected.Length, EngineIOPacketWriter.GetBase64BinaryLength(data.Length));

        var span = new byte[expected.Length];
        Assert.Equal(expected.Length, EngineIOPacketWriter.WriteBase64Binary(span, data));
        Assert.Equal(expected, Encoding.ASCII.GetString(span));
    }

    [Fact]
    public void Short_destination_and_unknown_type_are_caller_errors()
    {
        Assert.Throws<ArgumentException>(() => EngineIOPacketWriter.WriteText(new byte[5], EngineIOPacketType.Message, "hello"u8));
        Assert.Throws<ArgumentException>(() => EngineIOPacketWriter.WriteBase64Binary(new byte[8], [1, 2, 3, 4]));
        Assert.Throws<ArgumentOutOfRangeException>(() => EngineIOPacketWriter.WriteText(new byte[5], (EngineIOPacketType)7, "a"u8));
        Assert.Throws<ArgumentOutOfRangeException>(() => EngineIOOutgoingPacket.Text((EngineIOPacketType)9, default));
    }
}
