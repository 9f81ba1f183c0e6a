using System.Text;
using SocketIo.Engine.SocketIO.Adapters;

namespace SocketIo.Engine.Tests.SocketIO;

/// <summary>
/// Broadcasts deliver in batches of <see cref="RecipientBatch.Capacity"/>: every recipient gets the packet once
/// whether its batch is full or the last, partial one, and the returned count is the number that took it.
/// </summary>
public sealed class BroadcastBatchTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(RecipientBatch.Capacity)]
    [InlineData(RecipientBatch.Capacity + 1)]
    [InlineData((3 * RecipientBatch.Capacity) + 5)]
    public void Every_member_of_a_room_gets_the_packet_once_across_batches(int members)
    {
        var h = new SioHarness();
        var peers = Enumerable.Range(0, members).Select(_ => h.Join()).ToArray();
        var outsider = h.Join();
        foreach (var (peer, socket) in peers)
        {
            socket.Join("room");
            peer.Connection.Clear();
        }

        outsider.Peer.Connection.Clear();

        Assert.Equal(members, h.Server.To("room").EmitRaw("news", Encoding.UTF8.GetBytes("1")));

        Assert.All(peers, p => Assert.Equal(["""2["news",1]"""], p.Peer.Connection.Texts));
        Assert.Empty(outsider.Peer.Connection.Texts);
    }

    [Fact]
    public void The_count_leaves_out_recipients_whose_connection_refused_the_packet()
    {
        var h = new SioHarness();
        var peers = Enumerable.Range(0, (2 * RecipientBatch.Capacity) + 3).Select(_ => h.Join()).ToArray();
        foreach (var (peer, _) in peers)
            peer.Connection.Clear();

        // Every third connection is closed: its Send reports false.
        for (var i = 0; i < peers.Length; i += 3)
            peers[i].Peer.Connection.Close();
        var open = peers.Where((_, i) => i % 3 != 0).ToArray();

        Assert.Equal(open.Length, h.Server.Sockets.Compress(true).EmitRaw("news", Encoding.UTF8.GetBytes("2")));
        Assert.All(open, p => Assert.Equal(["""2["news",2]"""], p.Peer.Connection.Texts));
    }
}
