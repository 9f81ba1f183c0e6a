using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using SocketIo.Engine.SocketIO;

namespace SocketIo.Engine.Tests.SocketIO;

public sealed record ChatMessage(string User, string Text);

[JsonSerializable(typeof(ChatMessage))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(byte[]))]
internal sealed partial class SioTestJsonContext : JsonSerializerContext;

public sealed class EventAndAckTests
{
    [Theory]
    [InlineData("2[\"m\",1,\"2\",{\"a\":[null,true]}]", "1,\"2\",{\"a\":[null,true]}", 3)]
    [InlineData("2[\"m\"]", "", 0)]
    [InlineData("2[\"m\",\"é😀\\u2028\"]", "\"é😀\\u2028\"", 1)]
    [InlineData("2[\"m\",[],{}]", "[],{}", 2)]
    [InlineData("2[\"\\u006d\",1]", "1", 1)]
    public void Handler_gets_the_raw_arguments_unchanged(string text, string rawArguments, int count)
    {
        var h = new SioHarness();
        var (peer, socket) = h.Join();
        SocketIoEvent? seen = null;
        socket.On("m", e => seen = e);
        peer.Text(text);

        Assert.NotNull(seen);
        Assert.Equal("m", seen.EventName);
        Assert.Equal(count, seen.Count);
        Assert.Equal(rawArguments, Encoding.UTF8.GetString(seen.RawArguments.Span));
        Assert.False(seen.HasAck);
    }

    [Fact]
    public void Typed_handlers_use_source_generated_contexts_and_reflection()
    {
        var h = new SioHarness();
        var (peer, socket) = h.Join();
        ChatMessage? typed = null;
        string? reflected = null;
        socket.On("chat", SioTestJsonContext.Default.ChatMessage, (m, _) => typed = m);
        socket.On<string>("name", (n, _) => reflected = n);
        peer.Text("2[\"chat\",{\"User\":\"ann\",\"Text\":\"hi\"}]");
        peer.Text("2[\"name\",\"bob\"]");
        Assert.Equal(new ChatMessage("ann", "hi"), typed);
        Assert.Equal("bob", reflected);
    }

    [Fact]
    public void Event_with_ack_id_gets_one_ack_and_later_calls_are_ignored()
    {
        var h = new SioHarness();
        var (peer, socket) = h.Join();
        socket.On("message-with-ack", e =>
        {
            Assert.True(e.HasAck);
            Assert.True(e.AckRaw(e.RawArguments));
            Assert.False(e.Ack("again"));
        });
        peer.Connection.Clear();
        peer.Text("2456[\"message-with-ack\",1,\"2\"]");
        Assert.Equal(["3456[1,\"2\"]"], peer.Texts);
    }

    [Theory]
    [InlineData("/", "27[\"x\"]")]
    [InlineData("/admin", "2/admin,9007199254740991[\"x\"]")]
    public void Ack_ids_round_trip_as_64_bit_values(string nsp, string request)
    {
        var h = new SioHarness();
        h.Server.Of(nsp);
        var peer = h.Open();
        var socket = peer.Join(nsp);
        socket.On("x", e => e.Ack(e.EventName));
        peer.Connection.Clear();
        peer.Text(request);
        var prefix = nsp == "/" ? "3" : "3" + nsp + ",";
        var id = request[(prefix.Length)..request.IndexOf('[', StringComparison.Ordinal)];
        Assert.Equal([prefix + id + "[\"x\"]"], peer.Texts);
    }

    [Fact]
    public void Emit_serializes_like_json_stringify()
    {
        var h = new SioHarness();
        var (peer, socket) = h.Join();
        peer.Connection.Clear();
        socket.Emit("e", "é<>&'+\u2028", 1.0, 1e21, null, true, new ChatMessage("a", "b"));
        socket.Emit("typed", new ChatMessage("c", "d"), SioTestJsonContext.Default.ChatMessage);
        socket.EmitRaw("raw", "1, {\"k\":[]}"u8.ToArray());
        socket.Emit("none");
        Assert.Equal(
        [
            "2[\"e\",\"é<>&'+\u2028\",1,1e+21,null,true,{\"User\":\"a\",\"Text\":\"b\"}]",
            "2[\"typed\",{\"User\":\"c\",\"Text\":\"d\"}]",
            "2[\"raw\",1, {\"k\":[]}]",
            "2[\"none\"]",
        ], peer.Texts);
    }

    [Theory]
    [InlineData("connect")]
    [InlineData("connect_error")]
    [InlineData("disconnect")]
    [InlineData("disconnecting")]
    [InlineData("newListener")]
    [InlineData("removeListener")]
    public void Reserved_event_names_cannot_be_emitted(string name)
    {
        var h = new SioHarness();
        var (_, socket) = h.Join();
        Assert.Throws<ArgumentException>(() => socket.Emit(name));
        Assert.Throws<ArgumentException>(() => h.Server.Emit(name));
    }

    [Fact]
    public void Source_generated_resolver_is_enough_for_object_arguments()
    {
        var h = new SioHarness(new SocketIoServerOptions { TypeInfoResolver = SioTestJsonContext.Default });
        var (peer, socket) = h.Join();
        peer.Connection.Clear();
        socket.Emit("m", "s", 5, new ChatMessage("x", "y"));
        Assert.Equal(["2[\"m\",\"s\",5,{\"User\":\"x\",\"Text\":\"y\"}]"], peer.Texts);
    }

    [Fact]
    public void Emit_with_callback_gets_the_clients_answer_and_unknown_ids_are_ignored()
    {
        var h = new SioHarness();
        var (peer, socket) = h.Join();
        var (peer2, socket2) = h.Join();
        var answers = new List<string>();
        peer.Connection.Clear();
        socket.Emit("q", [1], (err, res) => answers.Add(err?.Message ?? res!.GetArgument<string>(0)!));
        socket2.Emit("q", [2], (err, res) => answers.Add(err?.Message ?? res!.GetArgument<string>(0)!));
        // One counter per namespace, shared by its sockets, starting at 0.
        Assert.Equal(["20[\"q\",1]"], peer.Texts);
        Assert.Equal("21[\"q\",2]", peer2.Texts[^1]);

        peer.Text("37[\"nobody\"]");
        peer.Text("30[\"a\"]");
        peer.Text("30[\"twice\"]");
        peer2.Text("31[\"b\"]");
        Assert.Equal(["a", "b"], answers);
    }

    [Fact]
    public void Timeout_calls_back_with_operation_has_timed_out_and_a_late_ack_is_ignored()
    {
        var h = new SioHarness();
        var (peer, socket) = h.Join();
        var results = new List<string>();
        socket.Timeout(TimeSpan.FromSeconds(2)).Emit("ask", ["q"], (err, res) => results.Add(err is null ? "ok" : err.GetType().Name + ":" + err.Message));
        h.Advance(TimeSpan.FromMilliseconds(1990));
        Assert.Empty(results);
        h.Advance(TimeSpan.FromMilliseconds(30));
        Assert.Equal(["TimeoutException:operation has timed out"], results);
        peer.Text("30[\"late\"]");
        Assert.Single(results);
    }

    [Fact]
    public async Task EmitWithAckAsync_returns_the_first_argument_or_times_out()
    {
        var h = new SioHarness();
        var (peer, socket) = h.Join();
        var answered = socket.EmitWithAckAsync<int>("ask", ["q"], TimeSpan.FromSeconds(1));
        var ignored = socket.EmitWithAckAsync<int>("ask", ["q"], TimeSpan.FromSeconds(1));
        peer.Text("30[42]");
        Assert.Equal(42, await answered);

        h.Advance(TimeSpan.FromSeconds(2));
        var error = await Assert.ThrowsAsync<TimeoutException>(() => ignored);
        Assert.Equal("operation has timed out", error.Message);

        var typed = socket.Timeout(TimeSpan.FromSeconds(1)).EmitWithAckAsync("ask", [], SioTestJsonContext.Default.ChatMessage);
        peer.Text("32[{\"User\":\"u\",\"Text\":\"t\"},\"extra\"]");
        Assert.Equal(new ChatMessage("u", "t"), await typed);
    }

    [Fact]
    public async Task Pending_acks_are_dropped_on_disconnect()
    {
        var h = new SioHarness();
        var (peer, socket) = h.Join();
        var called = false;
        socket.Timeout(TimeSpan.FromSeconds(1)).Emit("x", [], (_, _) => called = true);
        var awaited = socket.EmitWithAckAsync("y", []);
        var cancelled = new CancellationTokenSource();
        var canceledTask = socket.EmitWithAckAsync("z", [], cancelled.Token);
        cancelled.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => canceledTask);

        peer.Text("1");
        h.Advance(TimeSpan.FromSeconds(5));
        peer.Client.OnMessage("30[]"u8, isBinary: false);
        Assert.False(called);
        await Assert.ThrowsAsync<InvalidOperationException>(() => awaited);
        Assert.False(socket.Emit("after"));
    }

    [Fact]
    public async Task Handler_exceptions_are_logged_and_never_kill_the_connection()
    {
        var h = new SioHarness();
        var (peer, socket) = h.Join();
        var calls = 0;
        socket.On("sync", _ => throw new InvalidOperationException("sync"));
        socket.On("async", async _ =>
        {
            await Task.Yield();
            throw new InvalidOperationException("async");
        });
        socket.On("sync", _ => calls++);
        peer.Text("2[\"sync\"]");
        peer.Text("2[\"async\"]");
        peer.Text("2[\"sync\"]");
        await Task.Yield();
        Assert.Equal(2, calls);
        Assert.True(socket.Connected);
        Assert.False(peer.Connection.Closed);
    }

    [Fact]
    public void OnAny_runs_before_handlers_and_OnAnyOutgoing_sees_emits_and_broadcasts()
    {
        var h = new SioHarness();
        var (peer, socket) = h.Join();
        var log = new List<string>();
        socket.OnAny(e => log.Add("any:" + e.EventName + ":" + e.Count));
        socket.On("x", _ => log.Add("x"));
        socket.OnAnyOutgoing((name, args) => log.Add("out:" + name + ":" + Encoding.UTF8.GetString(args.RawArguments.Span)));
        peer.Text("2[\"x\",1]");
        peer.Text("2[\"unhandled\"]");
        socket.Emit("reply", 2);
        h.Server.Emit("all", "b");
        Assert.Equal(["any:x:1", "x", "any:unhandled:0", "out:reply:2", "out:all:\"b\""], log);
    }

    [Fact]
    public void Numeric_event_names_are_accepted()
    {
        var h = new SioHarness();
        var (peer, socket) = h.Join();
        string? got = null;
        socket.On("7", e => got = e.GetArgument<string>(0));
        peer.Text("2[7,\"seven\"]");
        Assert.Equal("seven", got);
    }

    [Fact]
    public void Volatile_emit_is_dropped_when_the_transport_is_busy()
    {
        var h = new SioHarness();
        var (peer, socket) = h.Join();
        peer.Connection.Clear();
        peer.Connection.IsWritable = false;
        Assert.False(socket.Volatile.Emit("v", 1));
        Assert.True(socket.Emit("n", 1));
        Assert.True(socket.Compress(false).Emit("c"));
        Assert.Equal(["2[\"n\",1]", "2[\"c\"]"], peer.Texts);
        Assert.False(peer.Connection.Sent[1].Compress);
    }

    [Fact]
    public void Json_arguments_read_as_elements()
    {
        var h = new SioHarness();
        var (peer, socket) = h.Join();
        JsonElement element = default;
        socket.On("e", e => element = e.GetElement(0));
        peer.Text("2[\"e\",{\"a\":[1,2]}]");
        Assert.Equal(2, element.GetProperty("a").GetArrayLength());
    }
}
