using SocketIo.Engine.Tests.Support;
using static SocketIo.Protocol.Tests.WebSockets.MalformedWebSocketFrames;

namespace SocketIo.Engine.Tests.WebSockets;

/// <summary>Byte-exact WebSocket behaviour over a raw socket: handshake answers, pings, frames that ride with the handshake.</summary>
public sealed class RawWebSocketTests
{
    private const string Key = "dGhlIHNhbXBsZSBub25jZQ==";

    [Theory]
    [InlineData("missing key", $"GET /echo HTTP/1.1\r\nHost: a\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n\r\n")]
    [InlineData("key of 15 bytes", "GET /echo HTTP/1.1\r\nHost: a\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: AAAAAAAAAAAAAAAAAAAA\r\nSec-WebSocket-Version: 13\r\n\r\n")]
    [InlineData("key not base64", "GET /echo HTTP/1.1\r\nHost: a\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: !!!!!!!!!!!!!!!!!!!!!!==\r\nSec-WebSocket-Version: 13\r\n\r\n")]
    [InlineData("two keys", $"GET /echo HTTP/1.1\r\nHost: a\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: {Key}\r\nSec-WebSocket-Key: {Key}\r\nSec-WebSocket-Version: 13\r\n\r\n")]
    [InlineData("no Upgrade", $"GET /echo HTTP/1.1\r\nHost: a\r\nConnection: Upgrade\r\nSec-WebSocket-Key: {Key}\r\nSec-WebSocket-Version: 13\r\n\r\n")]
    [InlineData("Upgrade: h2c", $"GET /echo HTTP/1.1\r\nHost: a\r\nUpgrade: h2c\r\nConnection: Upgrade\r\nSec-WebSocket-Key: {Key}\r\nSec-WebSocket-Version: 13\r\n\r\n")]
    [InlineData("no Connection: Upgrade", $"GET /echo HTTP/1.1\r\nHost: a\r\nUpgrade: websocket\r\nConnection: keep-alive\r\nSec-WebSocket-Key: {Key}\r\nSec-WebSocket-Version: 13\r\n\r\n")]
    [InlineData("POST", $"POST /echo HTTP/1.1\r\nHost: a\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: {Key}\r\nSec-WebSocket-Version: 13\r\nContent-Length: 0\r\n\r\n")]
    [InlineData("HTTP/1.0", $"GET /echo HTTP/1.0\r\nHost: a\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: {Key}\r\nSec-WebSocket-Version: 13\r\n\r\n")]
    public async Task Bad_handshake_gets_400_and_the_connection_closes(string name, string request)
    {
        Assert.NotEmpty(name);
        await using var server = new TestHttpServer();
        using (var client = await RawConnection.OpenAsync(server.Endpoint))
        {
            await client.SendAsync(request);
            var response = await client.ReadResponseAsync();
            Assert.Equal(400, response.Status);
            Assert.True(response.ConnectionHas("close"));
            Assert.Null(response.Header("Sec-WebSocket-Accept"));
            Assert.Empty(await client.ReadToCloseAsync());
        }

        await HttpAssert.EchoesAsync(server);
    }

    [Fact]
    public async Task Version_8_gets_426_naming_version_13()
    {
        await using var server = new TestHttpServer();
        using var client = await RawConnection.OpenAsync(server.Endpoint);
        await client.SendAsync($"GET /echo HTTP/1.1\r\nHost: a\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: {Key}\r\nSec-WebSocket-Version: 8\r\n\r\n");

        var response = await client.ReadResponseAsync();
        Assert.Equal(426, response.Status);
        Assert.Equal("13", response.Header("Sec-WebSocket-Version"));
        Assert.True(response.ConnectionHas("close"));
        Assert.Empty(await client.ReadToCloseAsync());
    }

    [Fact]
    public async Task Accept_matches_the_RFC_vector_and_offered_extensions_are_declined()
    {
        await using var server = new TestHttpServer();
        using var client = await RawConnection.OpenAsync(server.Endpoint);
        await client.SendAsync($"GET /echo HTTP/1.1\r\nHost: a\r\nUpgrade: websocket\r\nConnection: keep-alive, Upgrade\r\nSec-WebSocket-Key: {Key}\r\n" +
            "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\nSec-WebSocket-Protocol: chat\r\n\r\n");

        var response = await client.ReadResponseAsync();
        Assert.Equal(101, response.Status);
        Assert.Equal("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", response.Header("Sec-WebSocket-Accept"));
        Assert.Null(response.Header("Sec-WebSocket-Extensions"));
        Assert.Null(response.Header("Sec-WebSocket-Protocol"));
    }

    [Fact]
    public async Task Connection_and_Upgrade_tokens_may_sit_on_separate_header_lines()
    {
        await using var server = new TestHttpServer();
        using var client = await RawConnection.OpenAsync(server.Endpoint);
        await client.SendAsync($"GET /echo HTTP/1.1\r\nHost: a\r\nUpgrade: foo\r\nUpgrade: websocket\r\nConnection: keep-alive\r\nConnection: Upgrade\r\n" +
            $"Sec-WebSocket-Key: {Key}\r\nSec-WebSocket-Version: 13\r\n\r\n");

        Assert.Equal(101, (await client.ReadResponseAsync()).Status);
    }

    [Fact]
    public async Task Frames_sent_together_with_the_handshake_belong_to_the_WebSocket()
    {
        await using var server = new TestHttpServer();
        using var client = await RawConnection.OpenAsync(server.Endpoint);
        var head = System.Text.Encoding.ASCII.GetBytes($"GET /echo HTTP/1.1\r\nHost: a\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: {Key}\r\nSec-WebSocket-Version: 13\r\n\r\n");
        await client.SendAsync([.. head, .. Frame(0x81, "early"u8), .. Frame(0x82, [7])]);

        Assert.Equal(101, (await client.ReadResponseAsync()).Status);
        Assert.Equal(new ServerFrame(0x81, "early"u8.ToArray()).Payload, (await client.ReadFrameAsync()).Payload);
        var binary = await client.ReadFrameAsync();
        Assert.Equal(0x82, binary.First);
        Assert.Equal([7], binary.Payload);
    }

    [Fact]
    public async Task Ping_gets_a_pong_with_the_same_payload_also_between_fragments()
    {
        await using var server = new TestHttpServer();
        using var client = await RawConnection.OpenAsync(server.Endpoint);
        await client.UpgradeAsync();

        await client.SendAsync(Frame(0x89, "p1"u8));
        var pong = await client.ReadFrameAsync();
        Assert.Equal(0x8A, pong.First);
        Assert.Equal("p1"u8.ToArray(), pong.Payload);

        // Ping in the middle of a fragmented text message: answered at once, the message still reassembles.
        await client.SendAsync([.. Frame(0x01, "ab"u8), .. Frame(0x89, new byte[125]), .. Frame(0x80, "cd"u8)]);
        pong = await client.ReadFrameAsync();
        Assert.Equal(0x8A, pong.First);
        Assert.Equal(new byte[125], pong.Payload);
        var message = await client.ReadFrameAsync();
        Assert.Equal(0x81, message.First);
        Assert.Equal("abcd"u8.ToArray(), message.Payload);

        // An unsolicited pong is ignored; an empty ping gets an empty pong.
        await client.SendAsync([.. Frame(0x8A, "x"u8), .. Frame(0x89, [])]);
        pong = await client.ReadFrameAsync();
        Assert.Equal(0x8A, pong.First);
        Assert.Empty(pong.Payload);
    }

    [Fact]
    public async Task Client_close_without_a_code_is_answered_and_the_server_closes_TCP()
    {
        await using var server = new TestHttpServer();
        using var client = await RawConnection.OpenAsync(server.Endpoint);
        await client.UpgradeAsync();

        await client.SendAsync(Frame(0x88, []));
        var close = await client.ReadFrameAsync();
        Assert.True(close.IsClose);
        Assert.True(close.Payload.Length is 0 || close.CloseCode == 1000, "reply must carry no code or 1000");
        Assert.Empty(await client.ReadToCloseAsync());
        Assert.Equal(1005, await server.Application.ClosedCodes.ReadAsync().AsTask().WaitAsync(TestHttpServer.Timeout));
    }

    [Fact]
    public async Task Peer_vanishing_without_a_close_reports_1006()
    {
        await using var server = new TestHttpServer();
        using (var client = await RawConnection.OpenAsync(server.Endpoint))
        {
            await client.UpgradeAsync();
        }

        Assert.Equal(1006, await server.Application.ClosedCodes.ReadAsync().AsTask().WaitAsync(TestHttpServer.Timeout));
    }
}
