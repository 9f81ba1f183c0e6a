using System.Text.Json;
using SocketIo.Engine.SocketIO;
using SocketIo.Engine.Tests.Support;

namespace SocketIo.Engine.Tests.Interop;

/// <summary>
/// The official npm socket.io-client 4.8 (tests/peers/sio-client.mjs) against the reference app, over WebSocket
/// only, polling only, and polling upgraded to WebSocket. A missing node or npm install fails these tests.
/// </summary>
public sealed class SioClientInteropTests
{
    private const int ManyClients = 200;

    public static TheoryData<string> Transports => new() { "websocket", "polling", "polling,websocket" };

    private static string FinalTransport(string transports) => transports == "polling" ? "polling" : "websocket";

    private static async Task<JsonElement> RunAsync(ReferenceServer server, string scenario, string transports, params string[] extra)
    {
        var result = await NodePeer.RunAsync("sio-client.mjs", [server.BaseUrl, scenario, transports, .. extra]);
        Assert.False(result.TryGetProperty("error", out var error), "client error: " + error);
        return result;
    }

    private static void AssertRoundTrips(JsonElement cases, int expectedCount)
    {
        Assert.Equal(expectedCount, cases.GetArrayLength());
        foreach (var item in cases.EnumerateArray())
        {
            var kind = item.TryGetProperty("kind", out var k) ? k.GetString() + ": " : string.Empty;
            Assert.Equal(kind + item.GetProperty("sent").GetString(), kind + item.GetProperty("got").GetString());
        }
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task Events_with_every_json_shape_come_back_unchanged(string transports)
    {
        await using var server = new ReferenceServer();
        var result = await RunAsync(server, "events", transports);
        Assert.Equal(FinalTransport(transports), result.GetProperty("transport").GetString());
        Assert.Equal(result.GetProperty("authSent").GetString(), result.GetProperty("authGot").GetString());
        AssertRoundTrips(result.GetProperty("cases"), 12);
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task Acks_both_ways_carry_every_json_shape(string transports)
    {
        await using var server = new ReferenceServer();
        var result = await RunAsync(server, "acks", transports);
        Assert.Equal(FinalTransport(transports), result.GetProperty("transport").GetString());
        AssertRoundTrips(result.GetProperty("toServer"), 12);
        AssertRoundTrips(result.GetProperty("toClient"), 11);
        Assert.Equal("only", result.GetProperty("first").GetString());
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task Ack_timeouts_fire_on_both_sides_and_late_acks_are_ignored(string transports)
    {
        await using var server = new ReferenceServer();
        var result = await RunAsync(server, "ack-timeouts", transports);
        Assert.Equal(FinalTransport(transports), result.GetProperty("transport").GetString());
        Assert.Equal("operation has timed out", result.GetProperty("clientError").GetString());
        Assert.Equal("operation has timed out", result.GetProperty("rejected").GetString());
        Assert.Equal(0, result.GetProperty("timeoutArgs").GetArrayLength());
        Assert.Equal(0, result.GetProperty("lateAnswers").GetInt32());
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task Binary_travels_both_ways_in_events_and_acks(string transports)
    {
        await using var server = new ReferenceServer();
        var result = await RunAsync(server, "binary", transports);
        Assert.Equal(FinalTransport(transports), result.GetProperty("transport").GetString());
        AssertRoundTrips(result.GetProperty("cases"), 15);
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task Namespaces_share_one_connection_and_refusals_leave_it_open(string transports)
    {
        await using var server = new ReferenceServer();
        var result = await RunAsync(server, "namespaces", transports);
        Assert.Equal(FinalTransport(transports), result.GetProperty("transport").GetString());

        // Three namespace sockets, three distinct ids, one Engine.IO session under them all.
        var engineId = result.GetProperty("engineId").GetString();
        var ids = result.GetProperty("ids");
        var socketIds = new[] { ids.GetProperty("main").GetString()!, ids.GetProperty("custom").GetString()!, ids.GetProperty("private").GetString()! };
        Assert.Equal(3, socketIds.Distinct().Count());
        Assert.All(socketIds, id => Assert.Equal(engineId, server.ConnectionIdOf(id)));
        Assert.DoesNotContain(engineId, socketIds);

        Assert.Equal("""{"main":{"who":"main"},"custom":{"who":"custom"},"private":{"token":"secret"}}""", result.GetProperty("auths").GetRawText());
        Assert.Equal("""{"main":[["to-main"]],"custom":[["to-custom"]]}""", result.GetProperty("heard").GetRawText());
        Assert.Equal("""["custom-ack"]""", result.GetProperty("customAck").GetRawText());
        Assert.Equal("""{"message":"Invalid namespace","data":null}""", result.GetProperty("invalid").GetRawText());
        Assert.Equal("after-invalid", result.GetProperty("stillWorks").GetString());
        Assert.Equal("""{"message":"unauthorized","data":null}""", result.GetProperty("refusedWrong").GetRawText());
        Assert.Equal("""{"message":"unauthorized","data":null}""", result.GetProperty("refusedNone").GetRawText());
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task Rooms_and_broadcasts_reach_exactly_their_members(string transports)
    {
        await using var server = new ReferenceServer();
        var result = await RunAsync(server, "rooms", transports);
        Assert.Equal(FinalTransport(transports), result.GetProperty("transport").GetString());
        var steps = result.GetProperty("steps");

        // A and B are in r1, C is not.
        Assert.Equal("""{"A":[["room-message","from-a"]],"B":[["room-message","from-a"]],"C":[]}""", steps.GetProperty("memberSends").GetRawText());
        Assert.Equal("""{"A":[["room-message","from-c",{"x":1}]],"B":[["room-message","from-c",{"x":1}]],"C":[]}""", steps.GetProperty("outsiderSends").GetRawText());
        Assert.Equal("""{"A":[],"B":[["room-message","after-leave"]],"C":[]}""", steps.GetProperty("afterLeave").GetRawText());
        Assert.Equal("""{"A":[],"B":[["broadcast","hi",2]],"C":[["broadcast","hi",2]]}""", steps.GetProperty("broadcast").GetRawText());
        Assert.Equal("""{"A":[],"B":[["room-message","self"]],"C":[]}""", steps.GetProperty("soleMember").GetRawText());
        Assert.Equal("""{"A":[],"B":[],"C":[]}""", steps.GetProperty("emptyRoom").GetRawText());
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task Disconnect_reasons_match_the_reference_on_both_sides(string transports)
    {
        await using var server = new ReferenceServer();
        var result = await RunAsync(server, "disconnect", transports);

        // disconnect-me: DISCONNECT for every namespace, then the connection closes.
        Assert.Equal("""["io server disconnect","io server disconnect"]""", result.GetProperty("serverDisconnect").GetRawText());
        foreach (var id in result.GetProperty("serverIds").EnumerateArray())
        {
            Assert.Equal(SocketIoDisconnectReason.ServerNamespaceDisconnect, await server.DisconnectReasonAsync(id.GetString()!));
        }

        Assert.Equal("io client disconnect", result.GetProperty("clientDisconnect").GetString());
        Assert.Equal(SocketIoDisconnectReason.ClientNamespaceDisconnect, await server.DisconnectReasonAsync(result.GetProperty("leavingId").GetString()!));

        Assert.Equal("forced close", result.GetProperty("transportClose").GetString());
        Assert.Equal(SocketIoDisconnectReason.TransportClose, await server.DisconnectReasonAsync(result.GetProperty("closingId").GetString()!));
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task Client_reconnects_by_itself_after_the_server_restarts(string transports)
    {
        await using var server = new ReferenceServer();
        var first = server.NextConnectionAsync();
        var peer = RunAsync(server, "reconnect", transports);
        var firstSocket = await first;
        await server.EventAsync("ready");

        var second = server.NextConnectionAsync();
        var firstReason = server.DisconnectReasonAsync(firstSocket.Id);
        await server.RestartAsync();
        Assert.Equal(SocketIoDisconnectReason.ServerShuttingDown, await firstReason);
        var secondSocket = await second;

        var result = await peer;
        Assert.Equal(FinalTransport(transports), result.GetProperty("transport").GetString());
        Assert.Equal(firstSocket.Id, result.GetProperty("firstId").GetString());
        Assert.Equal(secondSocket.Id, result.GetProperty("secondId").GetString());
        Assert.NotEqual(firstSocket.Id, secondSocket.Id);
        Assert.Equal("transport close", result.GetProperty("reason").GetString());
        Assert.Equal("before", result.GetProperty("before").GetString());
        Assert.Equal("after", result.GetProperty("after").GetString());
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task Two_hundred_clients_each_receive_a_broadcast_exactly_once(string transports)
    {
        await using var server = new ReferenceServer();
        var result = await RunAsync(server, "many", transports, ManyClients.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(FinalTransport(transports), result.GetProperty("transport").GetString());
        Assert.Equal(ManyClients, result.GetProperty("connected").GetInt32());
        Assert.Equal(ManyClients, result.GetProperty("distinctIds").GetInt32());
        Assert.Equal(ManyClients, result.GetProperty("distinctEngines").GetInt32());

        // to-room reaches every member, the sender included; broadcast everyone but the sender.
        Assert.Equal("""{"room":1,"broadcast":0,"other":0}""", result.GetProperty("sender").GetRawText());
        var others = result.GetProperty("others");
        Assert.Equal(ManyClients - 1, others.GetArrayLength());
        Assert.All(others.EnumerateArray(), counts => Assert.Equal("""{"room":1,"broadcast":1,"other":0}""", counts.GetRawText()));
    }
}
