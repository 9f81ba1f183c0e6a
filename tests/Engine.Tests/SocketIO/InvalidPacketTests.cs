using SocketIo.Engine.SocketIO;

namespace SocketIo.Engine.Tests.SocketIO;

public sealed class InvalidPacketTests
{
    public static TheoryData<string> InvalidPackets => new()
    {
        "abc",
        "7",
        "2{}",
        "2[]",
        "2abc[\"x\"]",
        "2[\"disconnect\"]",
        "2[\"connect\"]",
        "2[{}]",
        "2\"x\"",
        "0[]",
        "0\"s\"",
        "1{}",
        "3[",
        "2[\"x\"",
        "0,",
        "0admin,",
        "5x-[\"x\"]",
    };

    [Theory]
    [MemberData(nameof(InvalidPackets))]
    public void Invalid_packet_raises_error_then_forced_close_and_closes_only_that_connection(string text)
    {
        var h = new SioHarness();
        var (peer, socket) = h.Join();
        var (bystander, other) = h.Join();
        var log = new List<string>();
        socket.OnError(e => log.Add("error"));
        socket.OnDisconnect(r => log.Add(r));

        peer.Text(text);

        Assert.True(peer.Connection.Closed);
        Assert.Equal(["error", "forced close"], log);
        Assert.False(socket.Connected);
        Assert.False(bystander.Connection.Closed);
        Assert.True(other.Connected);
        // Anything after the close is ignored.
        peer.Text("2[\"x\"]");
        Assert.Equal(1, peer.Connection.CloseCalls);
    }

    [Theory]
    [InlineData("2")]
    [InlineData("3")]
    public void Bare_event_or_ack_without_payload_is_rejected(string text)
    {
        var h = new SioHarness();
        var (peer, _) = h.Join();
        peer.Text(text);
        Assert.True(peer.Connection.Closed);
    }
}
