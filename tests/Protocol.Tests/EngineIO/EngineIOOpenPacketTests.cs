using System.Buffers;
using System.Text;
using SocketIo.Protocol.EngineIO;

namespace SocketIo.Protocol.Tests.EngineIO;

public sealed class EngineIOOpenPacketTests
{
    private static string Encode(EngineIOOpenPacket packet)
    {
        var output = new ArrayBufferWriter<byte>();
        packet.Write(output);
        Assert.Equal(packet.GetEncodedLength(), output.WrittenCount);
        return Encoding.UTF8.GetString(output.WrittenSpan);
    }

    [Fact]
    public void Polling_handshake_matches_the_protocol_example_byte_for_byte()
    {
        var packet = new EngineIOOpenPacket("lv_VI97HAXpY6yYWAAAC", EngineIOUpgrades.WebSocket, 25000, 20000, 1000000);
        Assert.Equal(
            "0{\"sid\":\"lv_VI97HAXpY6yYWAAAC\",\"upgrades\":[\"websocket\"],\"pingInterval\":25000,\"pingTimeout\":20000,\"maxPayload\":1000000}",
            Encode(packet));
    }

    [Fact]
    public void WebSocket_handshake_has_an_empty_upgrades_list()
    {
        var packet = new EngineIOOpenPacket("abc", EngineIOUpgrades.None, 300, 200, 0);
        Assert.Equal("0{\"sid\":\"abc\",\"upgrades\":[],\"pingInterval\":300,\"pingTimeout\":200,\"maxPayload\":0}", Encode(packet));
    }

    [Fact]
    public void Large_numbers_are_plain_json_integers()
    {
        var packet = new EngineIOOpenPacket("s", EngineIOUpgrades.None, int.MaxValue, 9, 100_000_000_000);
        Assert.Equal("0{\"sid\":\"s\",\"upgrades\":[],\"pingInterval\":2147483647,\"pingTimeout\":9,\"maxPayload\":100000000000}", Encode(packet));
    }

    [Fact]
    public void Unusual_sid_is_escaped_like_json_stringify()
    {
        var packet = new EngineIOOpenPacket("a\"b\\c\n", EngineIOUpgrades.None, 1, 2, 3);
        Assert.StartsWith("0{\"sid\":\"a\\\"b\\\\c\\n\",", Encode(packet), StringComparison.Ordinal);
    }

    [Fact]
    public void Span_writer_rejects_a_short_destination_and_negative_values_are_refused()
    {
        var packet = new EngineIOOpenPacket("abc", EngineIOUpgrades.WebSocket, 1, 2, 3);
        Assert.Throws<ArgumentException>(() => packet.Write(new byte[packet.GetEncodedLength() - 1]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new EngineIOOpenPacket("a", EngineIOUpgrades.None, -1, 2, 3));
    }
}
