using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using SocketIo.Engine.EngineIO;
using SocketIo.Engine.Tests.Support;
using static SocketIo.Protocol.Tests.WebSockets.MalformedWebSocketFrames;

namespace SocketIo.Engine.Tests.EngineIO;

/// <summary>Engine.IO over raw WebSockets: direct sessions, upgrades from polling and their refusals (PROTOCOL.md 1.6, 1.7).</summary>
public sealed partial class EioWebSocketTests
{
    private const byte FinText = 0x81;
    private const byte FinBinary = 0x82;

    [GeneratedRegex("^0\\{\"sid\":\"([A-Za-z0-9_-]{20})\",\"upgrades\":\\[\\],\"pingInterval\":25000,\"pingTimeout\":20000,\"maxPayload\":(100|1000000)\\}$")]
    private static partial Regex OpenPacket();

    private static string WsPath(string? sid = null) => "/engine.io/?EIO=4&transport=websocket" + (sid is null ? string.Empty : "&sid=" + sid);

    private static async Task<string> ReadTextAsync(RawConnection connection)
    {
        var frame = await connection.ReadFrameAsync();
        Assert.Equal(FinText, frame.First);
        return Encoding.UTF8.GetString(frame.Payload);
    }

    private static async Task<(RawConnection Connection, string Sid)> OpenDirectAsync(EioTestServer server)
    {
        var connection = await RawConnection.OpenAsync(server.Endpoint);
        await connection.UpgradeAsync(WsPath());
        var match = OpenPacket().Match(await ReadTextAsync(connection));
        Assert.True(match.Success);
        return (connection, match.Groups[1].Value);
    }

    [Fact]
    public async Task Direct_session_sends_open_with_no_upgrades_and_echoes_text_and_binary()
    {
        await using var server = new EioTestServer();
        var (connection, sid) = await OpenDirectAsync(server);
        using (connection)
        {
            Assert.Equal(EngineIoTransports.WebSocket, EioAssert.Session(server, sid).Transport);
            await connection.SendAsync(Frame(FinText, "4héllo"u8));
            Assert.Equal("4héllo", await ReadTextAsync(connection));
            await connection.SendAsync(Frame(FinBinary, [1, 2, 3]));
            var binary = await connection.ReadFrameAsync();
            Assert.Equal(FinBinary, binary.First);
            Assert.Equal([1, 2, 3], binary.Payload);
            await connection.SendAsync(Frame(FinText, "bAQIDBA=="u8));
            binary = await connection.ReadFrameAsync();
            Assert.Equal([1, 2, 3, 4], binary.Payload);
        }

        Assert.Equal(EngineIoCloseReason.TransportClose, await server.Handler.NextCloseAsync());
    }

    [Fact]
    public async Task Polling_request_for_a_websocket_session_is_code_3()
    {
        await using var server = new EioTestServer();
        var (connection, sid) = await OpenDirectAsync(server);
        using (connection)
        {
            Assert.Equal((HttpStatusCode.BadRequest, "{\"code\":3,\"message\":\"Bad request\"}"), await server.GetAsync(EioTestServer.PollPath(sid)));
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("x")]
    public async Task Undecodable_text_frame_is_a_parse_error_and_closes_without_code(string text)
    {
        await using var server = new EioTestServer();
        var (connection, _) = await OpenDirectAsync(server);
        using (connection)
        {
            await connection.SendAsync(Frame(FinText, Encoding.UTF8.GetBytes(text)));
            Assert.Equal(EngineIoCloseReason.ParseError, await server.Handler.NextCloseAsync());
            var close = await connection.ReadFrameAsync();
            Assert.True(close.IsClose);
            Assert.Equal(1005, close.CloseCode);
        }
    }

    [Fact]
    public async Task Message_over_max_payload_is_a_transport_error()
    {
        await using var server = new EioTestServer(new EngineIoOptions { MaxPayload = 100 });
        var (connection, _) = await OpenDirectAsync(server);
        using (connection)
        {
            await connection.SendAsync(Frame(FinText, Encoding.UTF8.GetBytes("4" + new string('x', 100))));
            var close = await connection.ReadFrameAsync();
            Assert.Equal(1009, close.CloseCode);
            Assert.Equal(EngineIoCloseReason.TransportError, await server.Handler.NextCloseAsync());
        }
    }

    [Fact]
    public async Task Server_close_sends_a_close_frame_without_code()
    {
        await using var server = new EioTestServer();
        var (connection, sid) = await OpenDirectAsync(server);
        using (connection)
        {
            EioAssert.Session(server, sid).Send("last"u8);
            EioAssert.Session(server, sid).Close();
            Assert.Equal("4last", await ReadTextAsync(connection));
            var close = await connection.ReadFrameAsync();
            Assert.True(close.IsClose);
            Assert.Equal(1005, close.CloseCode);
            Assert.Equal(EngineIoCloseReason.ForcedClose, await server.Handler.NextCloseAsync());
        }
    }

    [Fact]
    public async Task Errors_on_an_upgrade_request_are_raw_400_and_close_the_connection()
    {
        await using var server = new EioTestServer();
        using var connection = await RawConnection.OpenAsync(server.Endpoint);
        await connection.SendAsync("GET /engine.io/?EIO=3&transport=websocket HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
            "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");
        var response = await connection.ReadResponseAsync();
        Assert.Equal(400, response.Status);
        Assert.Equal("text/html", response.Header("Content-Type"));
        Assert.True(response.ConnectionHas("close"));
        Assert.Equal("Unsupported protocol version", response.BodyText);
        Assert.Empty(await connection.ReadToCloseAsync());
    }

    [Fact]
    public async Task Upgrade_probes_releases_the_poll_switches_and_refuses_polling_and_a_second_websocket()
    {
        await using var server = new EioTestServer();
        var sid = await server.HandshakeAsync();
        var poll = server.GetAsync(EioTestServer.PollPath(sid));
        await EioAssert.PollHeldAsync(server, sid);
        using var ws = await RawConnection.OpenAsync(server.Endpoint);
        await ws.UpgradeAsync(WsPath(sid));
        await ws.SendAsync(Frame(FinText, "2probe"u8));
        Assert.Equal("3probe", await ReadTextAsync(ws));
        Assert.Equal((HttpStatusCode.OK, "6"), await poll);

        // Packets sent while upgrading wait and then follow on the WebSocket, in order.
        var session = EioAssert.Session(server, sid);
        session.Send("queued1"u8);
        session.Send("queued2"u8);
        Assert.Equal((HttpStatusCode.OK, "4queued1\u001e4queued2"), await server.GetAsync(EioTestServer.PollPath(sid)));
        Assert.Equal((HttpStatusCode.OK, "6"), await server.GetAsync(EioTestServer.PollPath(sid)));
        session.Send("queued3"u8);
        await ws.SendAsync(Frame(FinText, "5"u8));
        Assert.Equal("4queued3", await ReadTextAsync(ws));
        Assert.Equal(EngineIoTransports.WebSocket, session.Transport);

        await ws.SendAsync(Frame(FinText, "4over ws"u8));
        Assert.Equal("4over ws", await ReadTextAsync(ws));
        Assert.Equal((HttpStatusCode.BadRequest, "{\"code\":3,\"message\":\"Bad request\"}"), await server.GetAsync(EioTestServer.PollPath(sid)));
        Assert.Equal(HttpStatusCode.BadRequest, (await server.PostAsync(EioTestServer.PollPath(sid), "4x")).Status);

        using var second = await RawConnection.OpenAsync(server.Endpoint);
        await second.UpgradeAsync(WsPath(sid));
        Assert.True((await second.ReadFrameAsync()).IsClose);
        Assert.True(session.IsOpen);
    }

    [Fact]
    public async Task Other_packet_before_upgrade_aborts_it_and_polling_carries_on()
    {
        await using var server = new EioTestServer();
        var sid = await server.HandshakeAsync();
        using var ws = await RawConnection.OpenAsync(server.Endpoint);
        await ws.UpgradeAsync(WsPath(sid));
        await ws.SendAsync(Frame(FinText, "2probe"u8));
        Assert.Equal("3probe", await ReadTextAsync(ws));
        await ws.SendAsync(Frame(FinText, "4hello"u8));
        Assert.True((await ws.ReadFrameAsync()).IsClose);
        var session = EioAssert.Session(server, sid);
        Assert.Equal(EngineIoTransports.Polling, session.Transport);
        Assert.Equal((HttpStatusCode.OK, "ok"), await server.PostAsync(EioTestServer.PollPath(sid), "4still polling"));
        Assert.Equal("4still polling", (await server.GetAsync(EioTestServer.PollPath(sid))).Body);
        Assert.DoesNotContain(server.Handler.Messages, m => Encoding.UTF8.GetString(m.Data) == "hello");
    }

    [Fact]
    public async Task Upgrade_timeout_closes_the_new_websocket_only()
    {
        await using var server = new EioTestServer(new EngineIoOptions { UpgradeTimeout = TimeSpan.FromSeconds(1) }, manualTime: true);
        var sid = await server.HandshakeAsync();
        using var ws = await RawConnection.OpenAsync(server.Endpoint);
        await ws.UpgradeAsync(WsPath(sid));
        server.AdvanceTime(TimeSpan.FromMilliseconds(1100));
        Assert.True((await ws.ReadFrameAsync()).IsClose);
        Assert.True(EioAssert.Session(server, sid).IsOpen);
        Assert.Equal((HttpStatusCode.OK, "ok"), await server.PostAsync(EioTestServer.PollPath(sid), "4after"));
    }

    [Fact]
    public async Task Upgrades_disabled_close_the_websocket_and_announce_none()
    {
        await using var server = new EioTestServer(new EngineIoOptions { AllowUpgrades = false });
        var (status, body) = await server.GetAsync(EioTestServer.PollPath());
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("\"upgrades\":[]", body, StringComparison.Ordinal);
        var sid = body[9..29];
        using var ws = await RawConnection.OpenAsync(server.Endpoint);
        await ws.UpgradeAsync(WsPath(sid));
        Assert.True((await ws.ReadFrameAsync()).IsClose);
    }

    [Fact]
    public async Task Shutdown_closes_websocket_sessions()
    {
        await using var server = new EioTestServer();
        var (connection, _) = await OpenDirectAsync(server);
        using (connection)
        {
            server.Engine.CloseAll();
            Assert.True((await connection.ReadFrameAsync()).IsClose);
            Assert.Equal(EngineIoCloseReason.ServerShuttingDown, await server.Handler.NextCloseAsync());
        }
    }
}
