using System.Text.Json;
using SocketIo.Engine.EngineIO;
using SocketIo.Engine.Tests.Support;

namespace SocketIo.Engine.Tests.EngineIO;

/// <summary>
/// The official npm engine.io-client (tests/peers/eio-client.mjs) against the echo server, over each transport
/// and through an upgrade. A missing node or npm install fails these tests.
/// </summary>
public sealed class EioClientInteropTests
{
    public static TheoryData<string> Transports => new() { "polling", "websocket", "polling,websocket" };

    private static async Task<JsonElement> RunAsync(EioTestServer server, string scenario, string transports)
    {
        var result = await NodePeer.RunAsync("eio-client.mjs", server.BaseUrl, scenario, transports);
        Assert.False(result.TryGetProperty("error", out var error), "client error: " + error);
        return result;
    }

    private static string FinalTransport(string transports) => transports == "polling" ? "polling" : "websocket";

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task Text_messages_echo(string transports)
    {
        await using var server = new EioTestServer();
        var result = await RunAsync(server, "text", transports);
        Assert.Equal(FinalTransport(transports), result.GetProperty("transport").GetString());
        Assert.Equal(["hello", "héllo € 😀"], result.GetProperty("texts").EnumerateArray().Select(e => e.GetString()));
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task Binary_messages_echo(string transports)
    {
        await using var server = new EioTestServer();
        var result = await RunAsync(server, "binary", transports);
        Assert.Equal(FinalTransport(transports), result.GetProperty("transport").GetString());
        Assert.True(result.GetProperty("isBinary").GetBoolean());
        Assert.True(result.GetProperty("equal").GetBoolean());
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task One_megabyte_text_and_binary_messages_echo(string transports)
    {
        // 1 MiB of binary is 1.4 MB as base64 over polling: the limit must hold it.
        await using var server = new EioTestServer(new EngineIoOptions { MaxPayload = 3_000_000 });
        var result = await RunAsync(server, "big", transports);
        Assert.Equal(FinalTransport(transports), result.GetProperty("transport").GetString());
        Assert.True(result.GetProperty("textEqual").GetBoolean());
        Assert.True(result.GetProperty("binaryEqual").GetBoolean());
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task Ten_thousand_packets_in_a_burst_echo_in_order(string transports)
    {
        await using var server = new EioTestServer();
        var result = await RunAsync(server, "burst", transports);
        Assert.Equal(10_000, result.GetProperty("count").GetInt32());
        Assert.True(result.GetProperty("inOrder").GetBoolean());
        Assert.Equal(10_000, server.Handler.Messages.Count);
    }

    [Fact]
    public async Task Polling_session_upgrades_to_websocket()
    {
        await using var server = new EioTestServer();
        var result = await RunAsync(server, "upgrade", "polling,websocket");
        Assert.Equal("polling", result.GetProperty("opened").GetString());
        Assert.Equal("websocket", result.GetProperty("transport").GetString());
        Assert.Equal("after upgrade", result.GetProperty("echo").GetString());
        // The client exited, closing its WebSocket: the session ended on the upgraded transport.
        var (session, reason) = await server.Handler.Closed.Reader.ReadAsync().AsTask().WaitAsync(TestHttpServer.Timeout);
        Assert.Equal(result.GetProperty("sid").GetString(), session.Id);
        Assert.Equal(EngineIoTransports.WebSocket, session.Transport);
        Assert.Equal(EngineIoCloseReason.TransportClose, reason);
    }

    [Theory]
    [InlineData("polling")]
    [InlineData("websocket")]
    public async Task Client_that_stops_answering_pings_is_dropped(string transports)
    {
        var options = new EngineIoOptions { PingInterval = TimeSpan.FromMilliseconds(300), PingTimeout = TimeSpan.FromMilliseconds(200) };
        await using var server = new EioTestServer(options);
        var run = RunAsync(server, "stop-pong", transports);
        Assert.Equal(EngineIoCloseReason.PingTimeout, await server.Handler.NextCloseAsync());
        var result = await run;
        Assert.Equal(0, server.Engine.SessionCount);
        Assert.NotNull(result.GetProperty("reason").GetString());
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task Server_close_reaches_the_client(string transports)
    {
        await using var server = new EioTestServer();
        var result = await RunAsync(server, "server-close", transports);
        Assert.Equal("transport close", result.GetProperty("reason").GetString());
        Assert.Equal(EngineIoCloseReason.ForcedClose, await server.Handler.NextCloseAsync());
    }
}
