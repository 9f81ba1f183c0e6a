using System.Buffers;
using System.Text;
using SocketIo.Protocol.EngineIO;
using static SocketIo.Protocol.Tests.EngineIO.EngineIOTestPackets;

namespace SocketIo.Protocol.Tests.EngineIO;

public sealed class EngineIOPayloadWriterTests
{
    private static readonly EngineIOOutgoingPacket[] ProtocolExample =
    [
        EngineIOOutgoingPacket.Text(EngineIOPacketType.Message, Utf8("hello")),
        EngineIOOutgoingPacket.Text(EngineIOPacketType.Ping, default),
        EngineIOOutgoingPacket.Binary(new byte[] { 1, 2, 3, 4 }),
    ];

    [Fact]
    public void Protocol_example_is_joined_by_separators_without_a_trailing_one()
    {
        var output = new ArrayBufferWriter<byte>();
        var count = EngineIOPayloadWriter.Write(output, ProtocolExample, long.MaxValue, out var written);

        Assert.Equal(3, count);
        Assert.Equal(written, output.WrittenCount);
        Assert.Equal("4hello\u001e2\u001ebAQIDBA==", Encoding.ASCII.GetString(output.WrittenSpan));
    }

    [Fact]
    public void Single_packet_has_no_separator()
    {
        var output = new ArrayBufferWriter<byte>();
        var writer = new EngineIOPayloadWriter(output);
        Assert.True(writer.TryAppendText(EngineIOPacketType.Close, default));
        Assert.Equal("1", Encoding.ASCII.GetString(output.WrittenSpan));
    }

    [Fact]
    public void Forced_close_payload_is_noop_then_close()
    {
        var output = new ArrayBufferWriter<byte>();
        var writer = new EngineIOPayloadWriter(output);
        Assert.True(writer.TryAppendText(EngineIOPacketType.Noop, default));
        Assert.True(writer.TryAppendEncoded("1"u8));
        Assert.Equal("6\u001e1", Encoding.ASCII.GetString(output.WrittenSpan));
    }

    [Theory]
    // "4hello" = 6, "\u001e2" = 2 more (8), "\u001ebAQIDBA==" = 10 more (18).
    [InlineData(0, 1, 6)]
    [InlineData(5, 1, 6)]
    [InlineData(6, 1, 6)]
    [InlineData(7, 1, 6)]
    [InlineData(8, 2, 8)]
    [InlineData(17, 2, 8)]
    [InlineData(18, 3, 18)]
    [InlineData(1000, 3, 18)]
    public void Budget_limits_the_payload_but_the_first_packet_always_goes(long budget, int expectedCount, long expectedBytes)
    {
        var output = new ArrayBufferWriter<byte>();
        var count = EngineIOPayloadWriter.Write(output, ProtocolExample, budget, out var written);

        Assert.Equal(expectedCount, count);
        Assert.Equal(expectedBytes, written);
        Assert.Equal(expectedBytes, output.WrittenCount);
        var packets = ReadPayload(output.WrittenSpan, out var error);
        Assert.Equal(EngineIOParseError.None, error);
        Assert.Equal(expectedCount, packets.Count);
    }

    [Fact]
    public void Once_full_smaller_later_packets_are_refused_to_keep_order()
    {
        var output = new ArrayBufferWriter<byte>();
        var writer = new EngineIOPayloadWriter(output, byteBudget: 10);
        Assert.True(writer.TryAppendText(EngineIOPacketType.Message, "abc"u8));
        Assert.False(writer.TryAppendText(EngineIOPacketType.Message, "a long message"u8));
        Assert.True(writer.IsFull);
        Assert.False(writer.TryAppendText(EngineIOPacketType.Ping, default));
        Assert.Equal(1, writer.Count);
        Assert.Equal("4abc", Encoding.ASCII.GetString(output.WrittenSpan));
    }

    [Fact]
    public void Empty_queue_writes_nothing()
    {
        var output = new ArrayBufferWriter<byte>();
        Assert.Equal(0, EngineIOPayloadWriter.Write(output, [], 100, out var written));
        Assert.Equal(0, written);
        Assert.Equal(0, output.WrittenCount);
    }

    [Fact]
    public void Outgoing_packet_reports_its_polling_length()
    {
        Assert.Equal(6, ProtocolExample[0].GetPollingLength());
        Assert.Equal(1, ProtocolExample[1].GetPollingLength());
        Assert.Equal(9, ProtocolExample[2].GetPollingLength());
    }
}
