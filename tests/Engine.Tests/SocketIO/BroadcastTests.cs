using SocketIo.Engine.SocketIO;

namespace SocketIo.Engine.Tests.SocketIO;

public sealed class BroadcastTests
{
    /// <summary>Four sockets on "/": A and B in "red", B and C in "blue", D in none.</summary>
    private static (SioHarness H, Dictionary<string, (Peer Peer, SocketIoSocket Socket)> S) Setup()
    {
        var h = new SioHarness();
        var s = new Dictionary<string, (Peer, SocketIoSocket)>();
        foreach (var name in new[] { "A", "B", "C", "D" })
            s[name] = h.Join();
        s["A"].Item2.Join("red");
        s["B"].Item2.Join("red", "blue");
        s["C"].Item2.Join("blue");
        foreach (var (peer, _) in s.Values)
            peer.Connection.Clear();
        return (h, s);
    }

    private static string Receivers(Dictionary<string, (Peer Peer, SocketIoSocket Socket)> s, string text)
    {
        var names = s.Where(p => p.Value.Peer.Texts.Count(t => t == text) == 1).Select(p => p.Key);
        Assert.All(s.Values, p => Assert.True(p.Peer.Texts.Count(t => t == text) <= 1, "delivered twice"));
        return string.Concat(names);
    }

    public static TheoryData<string, string> Cases => new()
    {
        { "io.emit", "ABCD" },
        { "io.to(red)", "AB" },
        { "io.to(red,blue)", "ABC" },
        { "io.to(red).to(blue)", "ABC" },
        { "io.except(red)", "CD" },
        { "io.to(blue).except(red)", "C" },
        { "io.to(nobody)", "" },
        { "A.broadcast", "BCD" },
        { "A.to(red)", "B" },
        { "B.to(red,blue)", "AC" },
        { "A.except(blue)", "D" },
        { "io.to(A)", "A" },
        { "io.except(A,B)", "CD" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Recipients_are_the_union_of_targets_minus_excepts_each_once(string how, string expected)
    {
        var (h, s) = Setup();
        var io = h.Server;
        string Id(string n) => s[n].Socket.Id;
        var op = how switch
        {
            "io.emit" => io.Sockets.Except(),
            "io.to(red)" => io.To("red"),
            "io.to(red,blue)" => io.To("red", "blue"),
            "io.to(red).to(blue)" => io.To("red").To("blue"),
            "io.except(red)" => io.Except("red"),
            "io.to(blue).except(red)" => io.To("blue").Except("red"),
            "io.to(nobody)" => io.To("nobody"),
            "A.broadcast" => s["A"].Socket.Broadcast,
            "A.to(red)" => s["A"].Socket.To("red"),
            "B.to(red,blue)" => s["B"].Socket.To("red", "blue"),
            "A.except(blue)" => s["A"].Socket.Except("blue"),
            "io.to(A)" => io.To(Id("A")),
            "io.except(A,B)" => io.Except(Id("A"), Id("B")),
            _ => throw new ArgumentOutOfRangeException(nameof(how)),
        };
        var count = op.Emit("news", 1);
        Assert.Equal(expected, Receivers(s, "2[\"news\",1]"));
        Assert.Equal(expected.Length, count);
    }

    [Fact]
    public void Volatile_broadcast_skips_busy_transports_only()
    {
        var (h, s) = Setup();
        s["B"].Peer.Connection.IsWritable = false;
        Assert.Equal(3, h.Server.Volatile.Emit("v"));
        Assert.Equal("ACD", Receivers(s, "2[\"v\"]"));
        Assert.Equal(4, h.Server.Local.Compress(false).Emit("w"));
        Assert.False(s["A"].Peer.Connection.Sent[^1].Compress);
    }

    [Fact]
    public void Broadcast_packets_are_encoded_once_and_shared()
    {
        var (h, s) = Setup();
        var count = h.Server.To("red", "blue").Emit("bin", new byte[] { 1 });
        Assert.Equal(3, count);
        foreach (var n in "ABC")
        {
            var sent = s[n.ToString()].Peer.Connection.Sent[^1];
            Assert.Equal("51-[\"bin\",{\"_placeholder\":true,\"num\":0}]", sent.Text);
            Assert.Equal([[1]], sent.Attachments);
        }
    }

    [Fact]
    public async Task Broadcast_with_ack_collects_every_answer_and_reports_who_timed_out()
    {
        var (h, s) = Setup();
        var pending = h.Server.To("red", "blue").Timeout(TimeSpan.FromSeconds(1)).EmitWithAckAsync("poll", ["q"]);
        var text = s["A"].Peer.Texts[^1];
        Assert.Equal("20[\"poll\",\"q\"]", text);
        Assert.Equal(text, s["B"].Peer.Texts[^1]);
        s["A"].Peer.Text("30[\"a\",\"ignored\"]");
        s["C"].Peer.Text("30[\"c\"]");
        Assert.False(pending.IsCompleted);
        h.Advance(TimeSpan.FromSeconds(2));
        var result = await pending;

        Assert.Equal(["a", "c"], result.Responses.Select(r => r.Arguments.GetArgument<string>(0)));
        Assert.Equal([s["A"].Socket.Id, s["C"].Socket.Id], result.Responses.Select(r => r.SocketId));
        Assert.Equal([s["B"].Socket.Id], result.TimedOut);
        Assert.True(result.IsTimedOut);
        // The late answer finds no pending id.
        s["B"].Peer.Text("30[\"late\"]");
    }

    [Fact]
    public async Task Broadcast_with_ack_completes_when_all_answered_or_at_once_with_no_recipient()
    {
        var (h, s) = Setup();
        var all = h.Server.To("red").Timeout(TimeSpan.FromSeconds(5)).EmitWithAckAsync("poll", []);
        s["A"].Peer.Text("30[1]");
        s["B"].Peer.Text("30[2]");
        var result = await all;
        Assert.Equal(2, result.Responses.Count);
        Assert.Empty(result.TimedOut);

        var none = await h.Server.To("nobody").Timeout(TimeSpan.FromSeconds(5)).EmitWithAckAsync("poll", []);
        Assert.Empty(none.Responses);
        Assert.Empty(none.TimedOut);
    }

    [Fact]
    public async Task Server_utilities_fetch_join_leave_and_disconnect_matching_sockets()
    {
        var (h, s) = Setup();
        s["B"].Socket.Data = "bee";
        var red = await h.Server.To("red").FetchSocketsAsync();
        Assert.Equal(new[] { s["A"].Socket.Id, s["B"].Socket.Id }.Order(), red.Select(r => r.Id).Order());
        Assert.Contains(red, r => Equals(r.Data, "bee") && r.Rooms.Contains("blue"));

        h.Server.To("blue").SocketsJoin("green");
        Assert.Equal("BC", string.Concat(s.Where(p => p.Value.Socket.Rooms.Contains("green")).Select(p => p.Key)));
        h.Server.Except("red").SocketsLeave("green");
        Assert.Equal("B", string.Concat(s.Where(p => p.Value.Socket.Rooms.Contains("green")).Select(p => p.Key)));

        h.Server.To("red").DisconnectSockets();
        Assert.False(s["A"].Socket.Connected);
        Assert.False(s["B"].Socket.Connected);
        Assert.True(s["C"].Socket.Connected);
        Assert.Equal("1", s["A"].Peer.Texts[^1]);
        Assert.False(s["A"].Peer.Connection.Closed);

        h.Server.DisconnectSockets(close: true);
        Assert.True(s["C"].Peer.Connection.Closed);
        Assert.Empty(h.Server.Sockets.Sockets);
    }

    [Fact]
    public void Rooms_are_per_namespace_and_empty_rooms_disappear()
    {
        var h = new SioHarness();
        h.Server.Of("/admin");
        var peer = h.Open();
        var root = peer.Join();
        var admin = peer.Join("/admin");
        root.Join("r");
        peer.Connection.Clear();
        Assert.Equal(0, h.Server.Of("/admin").To("r").Emit("x"));
        Assert.Equal(1, h.Server.To("r").Emit("x"));
        root.Leave("r");
        Assert.Equal(0, h.Server.To("r").Emit("x"));
        Assert.DoesNotContain("r", root.Rooms);
        Assert.Equal(new HashSet<string> { admin.Id }, admin.Rooms);
    }
}
