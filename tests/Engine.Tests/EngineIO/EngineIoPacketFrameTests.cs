using SocketIo.Engine.Buffers;
using SocketIo.Engine.EngineIO;
using SocketIo.Protocol.EngineIO;

namespace SocketIo.Engine.Tests.EngineIO;

/// <summary>One buffer per outgoing packet: a complete WebSocket frame whose payload is also the polling form.</summary>
public sealed class EngineIoPacketFrameTests
{
    [Fact]
    public void Text_packet_is_a_text_frame_around_the_encoded_packet()
    {
        var pool = new SharedFramePool();
        var packet = EngineIoPacketFrame.CreateText(EngineIOPacketType.Message, "hello"u8, pool);
        Assert.False(packet.IsBinary);
        Assert.Equal(2, packet.HeaderLength);
        Assert.Equal([0x81, 6, .. "4hello"u8.ToArray()], packet.Frame!.Span.ToArray());
        Assert.Equal("4hello"u8.ToArray(), packet.Payload.ToArray());
        Assert.Equal(6, packet.PollingLength);
        packet.Release();
        Assert.Equal(0, pool.Outstanding);
    }

    [Fact]
    public void Binary_packet_is_a_binary_frame_of_raw_bytes_and_base64_length_for_polling()
    {
        var pool = new SharedFramePool();
        var bytes = new byte[300];
        var packet = EngineIoPacketFrame.CreateBinary(bytes, pool);
        Assert.True(packet.IsBinary);
        Assert.Equal(4, packet.HeaderLength);
        Assert.Equal([0x82, 126, 1, 44], packet.Frame!.Span[..4].ToArray());
        Assert.Equal(bytes, packet.Payload.ToArray());
        Assert.Equal(1 + 400, packet.PollingLength);
        packet.Release();
        Assert.Equal(0, pool.Outstanding);
    }

    [Fact]
    public void Size_first_text_packet_hands_out_the_data_area()
    {
        var pool = new SharedFramePool();
        var packet = EngineIoPacketFrame.CreateText(EngineIOPacketType.Ping, 5, out var data, pool);
        "probe"u8.CopyTo(data);
        Assert.Equal("2probe"u8.ToArray(), packet.Payload.ToArray());
        packet.AddRef();
        packet.Release();
        Assert.Equal(1, pool.Outstanding);
        packet.Release();
        Assert.Equal(0, pool.Outstanding);
    }
}
