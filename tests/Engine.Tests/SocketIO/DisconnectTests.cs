using SocketIo.Engine.SocketIO;

namespace SocketIo.Engine.Tests.SocketIO;

public sealed class DisconnectTests
{
    [Fact]
    public void Client_disconnect_has_no_reply_keeps_the_connection_and_allows_reconnecting()
    {
        var h = new SioHarness();
        var (peer, socket) = h.Join();
        socket.Join("room");
        var log = new List<string>();
        socket.OnDisconnecting(r => log.Add("disconnecting:" + r + ":" + string.Join(",", socket.Rooms.Order())));
        socket.OnDisconnect(r => log.Add("disconnect:" + r + ":" + socket.Rooms.Count + ":" + socket.Connected));
        peer.Connection.Clear();

        peer.Text("1");

        var rooms = string.Join(",", new[] { socket.Id, "room" }.Order());
        Assert.Equal(["disconnecting:client namespace disconnect:" + rooms, "disconnect:client namespace disconnect:0:False"], log);
        Assert.Empty(peer.Texts);
        Assert.False(peer.Connection.Closed);
        Assert.Empty(h.Server.Sockets.Sockets);
        Assert.Equal(0, h.Server.To("room").Emit("x"));
        var again = peer.Join();
        Assert.NotEqual(socket.Id, again.Id);
    }

    [Fact]
    public void Server_disconnect_sends_disconnect_for_the_namespace_only()
    {
        var h = new SioHarness();
        h.Server.Of("/admin");
        var peer = h.Open();
        var root = peer.Join();
        var admin = peer.Join("/admin");
        string? reason = null;
        admin.OnDisconnect(r => reason = r);
        peer.Connection.Clear();

        admin.Disconnect();

        Assert.Equal(["1/admin,"], peer.Texts);
        Assert.Equal(SocketIoDisconnectReason.ServerNamespaceDisconnect, reason);
        Assert.True(root.Connected);
        Assert.False(peer.Connection.Closed);
        admin.Disconnect();
        Assert.Single(peer.Texts);
    }

    [Fact]
    public void Server_disconnect_with_close_disconnects_every_namespace_then_closes()
    {
        var h = new SioHarness();
        h.Server.Of("/admin");
        var peer = h.Open();
        var root = peer.Join();
        var admin = peer.Join("/admin");
        var reasons = new List<string>();
        root.OnDisconnect(reasons.Add);
        admin.OnDisconnect(reasons.Add);
        peer.Connection.Clear();

        root.Disconnect(close: true);

        Assert.Equal(new[] { "1", "1/admin," }.Order(), peer.Texts.Order());
        Assert.Equal(["server namespace disconnect", "server namespace disconnect"], reasons);
        Assert.True(peer.Connection.Closed);
    }

    [Theory]
    [InlineData(SocketIoDisconnectReason.TransportClose)]
    [InlineData(SocketIoDisconnectReason.TransportError)]
    [InlineData(SocketIoDisconnectReason.PingTimeout)]
    [InlineData(SocketIoDisconnectReason.ParseError)]
    public void Engine_close_disconnects_every_socket_with_the_engine_reason(string reason)
    {
        var h = new SioHarness();
        h.Server.Of("/admin");
        var peer = h.Open();
        var seen = new List<string>();
        peer.Join().OnDisconnect(seen.Add);
        peer.Join("/admin").OnDisconnect(seen.Add);

        peer.Client.OnClose(reason);
        peer.Client.OnClose(reason);

        Assert.Equal([reason, reason], seen);
        Assert.Empty(h.Server.Sockets.Sockets);
        Assert.Empty(h.Server.Of("/admin").Sockets);
        Assert.Equal(0, peer.Connection.CloseCalls);
    }

    [Fact]
    public void Server_close_disconnects_everyone_with_server_shutting_down()
    {
        var h = new SioHarness();
        var (p1, s1) = h.Join();
        var (p2, s2) = h.Join();
        var seen = new List<string>();
        s1.OnDisconnect(seen.Add);
        s2.OnDisconnect(seen.Add);
        h.Server.Close();
        Assert.Equal(["server shutting down", "server shutting down"], seen);
        Assert.True(p1.Connection.Closed);
        Assert.True(p2.Connection.Closed);
    }

    [Fact]
    public void Connection_closed_during_middleware_drops_the_socket_silently()
    {
        var h = new SioHarness();
        var gate = new TaskCompletionSource();
        var connected = false;
        h.Server.Use(async _ => await gate.Task).OnConnection(_ => connected = true);
        var peer = h.Open();
        peer.Text("0");
        peer.Client.OnClose(SocketIoDisconnectReason.TransportClose);
        gate.SetResult();
        Assert.False(connected);
        Assert.Empty(peer.Texts);
        Assert.Empty(h.Server.Sockets.Sockets);
    }

    [Fact]
    public void Handlers_can_emit_in_disconnecting_but_not_after()
    {
        var h = new SioHarness();
        var (_, a) = h.Join();
        var (peerB, b) = h.Join();
        a.OnDisconnecting(_ => a.Broadcast.Emit("leaving", a.Id));
        var emitted = true;
        a.OnDisconnect(_ => emitted = a.Emit("gone"));
        a.Disconnect();
        Assert.Equal("2[\"leaving\",\"" + a.Id + "\"]", peerB.Texts[^1]);
        Assert.False(emitted);
        Assert.True(b.Connected);
    }
}
