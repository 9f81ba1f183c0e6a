using SocketIo.Engine.SocketIO;

namespace SocketIo.Engine.Tests.SocketIO;

/// <summary>
/// A socket's id room behaves as an ordinary room although the index keeps it as a flag on the socket's record:
/// reachable, excludable, leavable, joinable by other sockets, and gone on disconnect.
/// </summary>
public sealed class IdRoomTests
{
    private const string News = "2[\"news\",1]";

    private static string Receivers(IEnumerable<(string Name, Peer Peer)> peers) =>
        string.Concat(peers.Where(p => p.Peer.Texts.Count(t => t == News) == 1).Select(p => p.Name));

    private static (SioHarness H, (Peer Peer, SocketIoSocket Socket) A, (Peer Peer, SocketIoSocket Socket) B, (Peer Peer, SocketIoSocket Socket) C) Setup()
    {
        var h = new SioHarness();
        return (h, h.Join(), h.Join(), h.Join());
    }

    [Fact]
    public void Another_socket_can_join_an_id_room_and_each_member_gets_a_broadcast_once()
    {
        var (h, a, b, c) = Setup();
        b.Socket.Join(a.Socket.Id);
        Clear(a, b, c);

        Assert.Equal(2, h.Server.To(a.Socket.Id).Emit("news", 1));
        Assert.Equal("AB", Receivers([("A", a.Peer), ("B", b.Peer), ("C", c.Peer)]));
        Assert.DoesNotContain(a.Peer.Texts.Concat(b.Peer.Texts), t => t != News);
        Assert.Equal(2, h.Server.Sockets.Adapter.GetRoomSize(a.Socket.Id));
        Assert.True(b.Socket.Rooms.SetEquals([b.Socket.Id, a.Socket.Id]));
        Assert.True(a.Socket.Rooms.SetEquals([a.Socket.Id]));
    }

    [Fact]
    public void Excepting_an_id_room_skips_every_member_of_it()
    {
        var (h, a, b, c) = Setup();
        b.Socket.Join(a.Socket.Id);
        Clear(a, b, c);

        Assert.Equal(1, h.Server.Except(a.Socket.Id).Emit("news", 1));
        Assert.Equal("C", Receivers([("A", a.Peer), ("B", b.Peer), ("C", c.Peer)]));

        // From B, to A's id room: B itself is left out, A is reached.
        Clear(a, b, c);
        Assert.Equal(1, b.Socket.To(a.Socket.Id).Emit("news", 1));
        Assert.Equal("A", Receivers([("A", a.Peer), ("B", b.Peer), ("C", c.Peer)]));

        // A's own broadcast (everyone but A's id room) skips B too, as B is in that room.
        Clear(a, b, c);
        Assert.Equal(1, a.Socket.Broadcast.Emit("news", 1));
        Assert.Equal("C", Receivers([("A", a.Peer), ("B", b.Peer), ("C", c.Peer)]));
    }

    [Fact]
    public void A_socket_that_leaves_its_id_room_is_no_longer_reached_through_it()
    {
        var (h, a, b, c) = Setup();
        b.Socket.Join(a.Socket.Id);
        a.Socket.Join("red");
        a.Socket.Leave(a.Socket.Id);
        Clear(a, b, c);

        Assert.DoesNotContain(a.Socket.Id, a.Socket.Rooms);
        Assert.Equal(new HashSet<string> { "red" }, a.Socket.Rooms);
        Assert.Equal(1, h.Server.To(a.Socket.Id).Emit("news", 1));
        Assert.Equal("B", Receivers([("A", a.Peer), ("B", b.Peer), ("C", c.Peer)]));
        Assert.Equal(1, h.Server.Sockets.Adapter.GetRoomSize(a.Socket.Id));

        a.Socket.Join(a.Socket.Id);
        Clear(a, b, c);
        Assert.Equal(2, h.Server.To(a.Socket.Id, "red").Emit("news", 1));
        Assert.Equal("AB", Receivers([("A", a.Peer), ("B", b.Peer), ("C", c.Peer)]));
    }

    [Fact]
    public void A_disconnected_socket_leaves_its_id_room_and_the_other_members_stay()
    {
        var (h, a, b, c) = Setup();
        b.Socket.Join(a.Socket.Id);
        var id = a.Socket.Id;
        a.Socket.Disconnect();
        Clear(a, b, c);

        Assert.Equal(1, h.Server.To(id).Emit("news", 1));
        Assert.Equal("B", Receivers([("A", a.Peer), ("B", b.Peer), ("C", c.Peer)]));
        b.Socket.Leave(id);
        Assert.Equal(0, h.Server.To(id).Emit("news", 2));
        Assert.Equal(0, h.Server.Sockets.Adapter.GetRoomSize(id));
    }

    [Fact]
    public void The_id_room_is_listed_and_reached_alone()
    {
        var (h, a, b, c) = Setup();
        a.Socket.Join("red", "blue");
        Clear(a, b, c);

        Assert.True(a.Socket.Rooms.SetEquals([a.Socket.Id, "red", "blue"]));
        Assert.Equal(1, h.Server.To(a.Socket.Id).Emit("news", 1));
        Assert.Equal("A", Receivers([("A", a.Peer), ("B", b.Peer), ("C", c.Peer)]));
    }

    private static void Clear(params (Peer Peer, SocketIoSocket Socket)[] sockets)
    {
        foreach (var (peer, _) in sockets)
            peer.Connection.Clear();
    }
}
