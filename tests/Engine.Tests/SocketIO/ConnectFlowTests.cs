using System.Text.Json;
using System.Text.RegularExpressions;
using SocketIo.Engine.SocketIO;

namespace SocketIo.Engine.Tests.SocketIO;

public sealed class ConnectFlowTests
{
    [Theory]
    [InlineData("/", "0", "0{\"sid\":\"")]
    [InlineData("/admin", "0/admin,", "0/admin,{\"sid\":\"")]
    [InlineData("/admin", "0/admin", "0/admin,{\"sid\":\"")]
    [InlineData("/admin", "0/admin,{\"token\":\"x\"}", "0/admin,{\"sid\":\"")]
    public void Connect_replies_with_a_fresh_20_character_sid_and_nothing_else(string nsp, string request, string replyPrefix)
    {
        var h = new SioHarness();
        h.Server.Of(nsp);
        var peer = h.Open();
        peer.Text(request);

        var reply = Assert.Single(peer.Texts);
        Assert.StartsWith(replyPrefix, reply, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(reply[(replyPrefix.Length - 8)..]);
        var sid = json.RootElement.GetProperty("sid").GetString()!;
        Assert.Single(json.RootElement.EnumerateObject());
        Assert.Equal(20, sid.Length);
        Assert.NotEqual(peer.Connection.Id, sid);
        Assert.True(h.Server.Of(nsp).Sockets.ContainsKey(sid));
    }

    [Fact]
    public void Connection_handlers_run_after_the_reply_and_see_the_handshake()
    {
        var h = new SioHarness();
        SocketIoSocket? seen = null;
        h.Server.OnConnection(socket =>
        {
            seen = socket;
            socket.Emit("auth", socket.Handshake.Auth);
        });
        var peer = h.Open();
        peer.Text("0{\"token\":\"abc\"}");

        Assert.Equal(2, peer.Texts.Count);
        Assert.StartsWith("0{\"sid\":", peer.Texts[0], StringComparison.Ordinal);
        Assert.Equal("2[\"auth\",{\"token\":\"abc\"}]", peer.Texts[1]);
        Assert.NotNull(seen);
        Assert.True(seen.Connected);
        Assert.Equal("127.0.0.1", seen.Handshake.Address);
        Assert.Equal("test", seen.Handshake.Headers["User-Agent"]);
        Assert.Equal("websocket", seen.Handshake.Query["transport"]);
        Assert.Equal(1704164645000, seen.Handshake.Issued);
        Assert.Contains(seen.Id, seen.Rooms);
    }

    [Fact]
    public void Missing_auth_is_an_empty_object()
    {
        var h = new SioHarness();
        var (_, socket) = h.Join();
        Assert.Equal(JsonValueKind.Object, socket.Handshake.Auth.ValueKind);
        Assert.Empty(socket.Handshake.Auth.EnumerateObject());
    }

    [Theory]
    [InlineData("0/nope,", "4/nope,{\"message\":\"Invalid namespace\"}")]
    [InlineData("0/nope", "4/nope,{\"message\":\"Invalid namespace\"}")]
    [InlineData("0/Admin,", "4/Admin,{\"message\":\"Invalid namespace\"}")]
    [InlineData("0/admin/,", "4/admin/,{\"message\":\"Invalid namespace\"}")]
    public void Unknown_namespace_is_refused_and_the_connection_stays(string request, string expected)
    {
        var h = new SioHarness();
        h.Server.Of("/admin");
        var peer = h.Open();
        peer.Text(request);

        Assert.Equal([expected], peer.Texts);
        Assert.False(peer.Connection.Closed);
        peer.Join("/admin");
    }

    [Fact]
    public void Middleware_refusal_sends_connect_error_and_keeps_the_connection()
    {
        var h = new SioHarness();
        h.Server.Of("/private").Use(socket =>
        {
            if (socket.Handshake.Auth.TryGetProperty("token", out var token) && token.GetString() == "secret")
                return;
            throw new SocketIoConnectException("unauthorized");
        });
        var peer = h.Open();
        peer.Text("0/private,{\"token\":\"nope\"}");
        Assert.Equal(["4/private,{\"message\":\"unauthorized\"}"], peer.Texts);
        Assert.False(peer.Connection.Closed);
        Assert.Empty(h.Server.Of("/private").Sockets);

        peer.Join("/private", "{\"token\":\"secret\"}");
        Assert.Single(h.Server.Of("/private").Sockets);
    }

    [Theory]
    [InlineData(null, "4{\"message\":\"Not authorized\"}")]
    [InlineData("{\"code\":42,\"why\":\"é<>\"}", "4{\"message\":\"Not authorized\",\"data\":{\"code\":42,\"why\":\"é<>\"}}")]
    public void Middleware_error_data_is_sent_only_when_present(string? data, string expected)
    {
        var h = new SioHarness();
        h.Server.Use(_ => throw (data is null
            ? new SocketIoConnectException("Not authorized")
            : new SocketIoConnectException("Not authorized", JsonDocument.Parse(data).RootElement)));
        var peer = h.Open();
        peer.Text("0");
        Assert.Equal([expected], peer.Texts);
    }

    [Fact]
    public void Any_middleware_exception_refuses_with_its_message()
    {
        var h = new SioHarness();
        h.Server.Use(_ => throw new InvalidOperationException("boom"));
        var peer = h.Open();
        peer.Text("0");
        Assert.Equal(["4{\"message\":\"boom\"}"], peer.Texts);
    }

    [Fact]
    public async Task Middlewares_run_in_order_and_the_reply_waits_for_the_async_ones()
    {
        var h = new SioHarness();
        var order = new List<string>();
        var gate = new TaskCompletionSource();
        // The connection handler runs after the reply, on the thread that resumed the middleware: wait for it.
        var connected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        h.Server.Sockets
            .Use(_ => order.Add("first"))
            .Use(async socket =>
            {
                order.Add("second");
                await gate.Task;
                socket.Data = "set by middleware";
            })
            .OnConnection(socket =>
            {
                order.Add("connection:" + socket.Data);
                connected.SetResult();
            });
        var peer = h.Open();
        peer.Text("0");
        Assert.Empty(peer.Texts);
        Assert.Equal(["first", "second"], order);

        gate.SetResult();
        await connected.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.StartsWith("0{\"sid\":", peer.Texts[0], StringComparison.Ordinal);
        Assert.Equal(["first", "second", "connection:set by middleware"], order);
    }

    [Fact]
    public async Task A_packet_for_the_namespace_while_its_middleware_runs_closes_the_connection()
    {
        var h = new SioHarness();
        var gate = new TaskCompletionSource();
        h.Server.Use(async _ => await gate.Task);
        var peer = h.Open();
        peer.Text("0");
        peer.Text("2[\"early\"]");
        Assert.True(peer.Connection.Closed);

        gate.SetResult();
        await Task.Yield();
        await WaitUntil(() => h.Server.Sockets.Sockets.Count == 0);
        Assert.Empty(peer.Texts);
    }

    [Fact]
    public void Duplicate_connect_closes_the_whole_connection_with_forced_server_close()
    {
        var h = new SioHarness();
        h.Server.Of("/admin");
        var peer = h.Open();
        var root = peer.Join();
        var admin = peer.Join("/admin");
        var reasons = new List<string>();
        root.OnDisconnect(r => reasons.Add("/:" + r));
        admin.OnDisconnect(r => reasons.Add("/admin:" + r));

        peer.Text("0/admin,");

        Assert.True(peer.Connection.Closed);
        Assert.Equal(new[] { "/:forced server close", "/admin:forced server close" }, reasons.Order());
        Assert.False(root.Connected);
    }

    [Theory]
    [InlineData("2[\"x\"]")]
    [InlineData("2/admin,[\"x\"]")]
    [InlineData("3/admin,1[]")]
    [InlineData("1/admin,")]
    [InlineData("4{\"message\":\"x\"}")]
    public void Packet_for_an_unjoined_namespace_or_client_connect_error_is_invalid_state(string text)
    {
        var h = new SioHarness();
        h.Server.Of("/admin");
        var peer = h.Open();
        string? reason = null;
        if (!text.Contains("/admin", StringComparison.Ordinal))
        {
            // Joined /admin only, so the root packet targets an unjoined namespace (CONNECT_ERROR aside).
            peer.Join("/admin").OnDisconnect(r => reason = r);
        }
        else
        {
            peer.Join("/").OnDisconnect(r => reason = r);
        }

        peer.Text(text);

        Assert.True(peer.Connection.Closed);
        Assert.Equal(SocketIoDisconnectReason.ForcedServerClose, reason);
    }

    [Fact]
    public void Multiplexed_namespaces_get_their_own_sockets_on_one_connection()
    {
        var h = new SioHarness();
        h.Server.Of("/a").OnConnection(s => s.On("ping", e => s.Emit("pong", "a")));
        h.Server.Of("/b").OnConnection(s => s.On("ping", e => s.Emit("pong", "b")));
        var peer = h.Open();
        var a = peer.Join("/a");
        var b = peer.Join("/b");
        Assert.NotEqual(a.Id, b.Id);
        Assert.Equal(a.ConnectionId, b.ConnectionId);

        peer.Connection.Clear();
        peer.Text("2/b,[\"ping\"]");
        peer.Text("2/a,[\"ping\"]");
        Assert.Equal(["2/b,[\"pong\",\"b\"]", "2/a,[\"pong\",\"a\"]"], peer.Texts);
    }

    [Fact]
    public void Connect_timeout_closes_a_connection_that_never_joined()
    {
        var h = new SioHarness();
        h.Server.Of("/admin");
        var idle = h.Open();
        var refused = h.Open();
        refused.Text("0/nope,");
        var joined = h.Open();
        joined.Join("/admin");

        h.Advance(TimeSpan.FromMilliseconds(44_900));
        Assert.False(idle.Connection.Closed);
        h.Advance(TimeSpan.FromMilliseconds(200));

        Assert.True(idle.Connection.Closed);
        Assert.True(refused.Connection.Closed);
        Assert.False(joined.Connection.Closed);
    }

    [Fact]
    public void Leaving_every_namespace_after_a_join_never_triggers_the_connect_timeout()
    {
        var h = new SioHarness(new SocketIoServerOptions { ConnectTimeout = TimeSpan.FromSeconds(1) });
        var (peer, _) = h.Join();
        peer.Text("1");
        h.Advance(TimeSpan.FromSeconds(5));
        Assert.False(peer.Connection.Closed);
    }

    [Fact]
    public void Dynamic_namespaces_are_created_on_demand_and_share_the_parents_handlers()
    {
        var h = new SioHarness();
        var parent = h.Server.Of(new Regex("^/dyn-\\d+$"));
        var connected = new List<string>();
        parent.Use(s => s.Data = "checked").OnConnection(s => connected.Add(s.Namespace.Name + ":" + s.Data));

        var p1 = h.Open();
        p1.Join("/dyn-1");
        var p2 = h.Open();
        p2.Join("/dyn-2");
        var p3 = h.Open();
        p3.Text("0/dyn-x,");

        Assert.Equal(["/dyn-1:checked", "/dyn-2:checked"], connected);
        Assert.Equal(["4/dyn-x,{\"message\":\"Invalid namespace\"}"], p3.Texts);
        Assert.Equal(2, parent.Emit("news"));
        Assert.Equal("2/dyn-1,[\"news\"]", p1.Texts[^1]);
        Assert.Equal("2/dyn-2,[\"news\"]", p2.Texts[^1]);
    }

    [Fact]
    public void Dynamic_matcher_sees_the_auth_payload()
    {
        var h = new SioHarness();
        h.Server.Of((name, auth) => name.StartsWith("/t-", StringComparison.Ordinal) && auth.TryGetProperty("ok", out _));
        var peer = h.Open();
        peer.Text("0/t-1,{}");
        Assert.Equal(["4/t-1,{\"message\":\"Invalid namespace\"}"], peer.Texts);
        peer.Join("/t-1", "{\"ok\":1}");
    }

    internal static async Task WaitUntil(Func<bool> condition)
    {
        // Continuations of released gates run on the pool; bounded wait, not a timing assumption.
        for (var i = 0; i < 500 && !condition(); i++)
            await Task.Delay(10);
        Assert.True(condition());
    }
}
