using System.Net;
using System.Net.WebSockets;
using System.Text;
using SocketIo.Engine.Tests.Support;

namespace SocketIo.Engine.Tests.WebSockets;

/// <summary>The BCL <see cref="ClientWebSocket"/> against the echo endpoint over loopback.</summary>
public sealed class ClientWebSocketEchoTests
{
    private static readonly TimeSpan Timeout = TestHttpServer.Timeout;

    [Fact]
    public async Task Text_and_binary_messages_come_back_with_their_type()
    {
        await using var server = new TestHttpServer();
        using var ws = await ConnectAsync(server);

        await SendAsync(ws, Encoding.UTF8.GetBytes("héllo wörld ✓"), WebSocketMessageType.Text);
        var text = await ReceiveMessageAsync(ws);
        Assert.Equal(WebSocketMessageType.Text, text.Type);
        Assert.Equal("héllo wörld ✓", Encoding.UTF8.GetString(text.Payload));

        byte[] bytes = [0, 1, 2, 127, 128, 254, 255];
        await SendAsync(ws, bytes, WebSocketMessageType.Binary);
        var binary = await ReceiveMessageAsync(ws);
        Assert.Equal(WebSocketMessageType.Binary, binary.Type);
        Assert.Equal(bytes, binary.Payload);

        await SendAsync(ws, [], WebSocketMessageType.Text);
        var empty = await ReceiveMessageAsync(ws);
        Assert.Equal(WebSocketMessageType.Text, empty.Type);
        Assert.Empty(empty.Payload);

        await CloseAsync(ws, WebSocketCloseStatus.NormalClosure);
        Assert.Equal(1000, await ReadClosedCodeAsync(server));
    }

    [Fact]
    public async Task Fragmented_messages_are_reassembled_even_with_a_code_point_split_across_frames()
    {
        await using var server = new TestHttpServer();
        using var ws = await ConnectAsync(server);
        var check = Encoding.UTF8.GetBytes("✓"); // 3 bytes

        await ws.SendAsync(Encoding.UTF8.GetBytes("frag").AsMemory(), WebSocketMessageType.Text, endOfMessage: false, default).AsTask().WaitAsync(Timeout);
        await ws.SendAsync(new byte[] { (byte)'m', (byte)'e', (byte)'n', (byte)'t', (byte)' ', check[0] }.AsMemory(), WebSocketMessageType.Text, endOfMessage: false, default).AsTask().WaitAsync(Timeout);
        await ws.SendAsync(check.AsMemory(1), WebSocketMessageType.Text, endOfMessage: true, default).AsTask().WaitAsync(Timeout);
        for (var i = 0; i < 10; i++)
        {
            await ws.SendAsync(new[] { (byte)i }.AsMemory(), WebSocketMessageType.Binary, endOfMessage: i == 9, default).AsTask().WaitAsync(Timeout);
        }

        var text = await ReceiveMessageAsync(ws);
        Assert.Equal(WebSocketMessageType.Text, text.Type);
        Assert.Equal("fragment ✓", Encoding.UTF8.GetString(text.Payload));
        var binary = await ReceiveMessageAsync(ws);
        Assert.Equal(WebSocketMessageType.Binary, binary.Type);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (byte)i), binary.Payload);
        await CloseAsync(ws, WebSocketCloseStatus.NormalClosure);
    }

    [Fact]
    public async Task Client_close_code_4000_is_echoed_back()
    {
        await using var server = new TestHttpServer();
        using var ws = await ConnectAsync(server);

        await ws.CloseAsync((WebSocketCloseStatus)4000, "bye", default).WaitAsync(Timeout);

        Assert.Equal(WebSocketState.Closed, ws.State);
        Assert.Equal((WebSocketCloseStatus)4000, ws.CloseStatus);
        Assert.Equal(4000, await ReadClosedCodeAsync(server));
    }

    [Fact]
    public async Task Server_initiated_close_reaches_the_client_with_its_code_and_reason()
    {
        await using var server = new TestHttpServer();
        using var ws = await ConnectAsync(server, "/ws-cmd");

        await SendAsync(ws, "close:4001"u8.ToArray(), WebSocketMessageType.Text);
        var buffer = new byte[64];
        var result = await ws.ReceiveAsync(buffer, default).WaitAsync(Timeout);

        Assert.Equal(WebSocketMessageType.Close, result.MessageType);
        Assert.Equal((WebSocketCloseStatus)4001, result.CloseStatus);
        Assert.Equal("server says bye", result.CloseStatusDescription);
        await ws.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, default).WaitAsync(Timeout);
        Assert.Equal(1000, await ReadClosedCodeAsync(server));
    }

    [Fact]
    public async Task Keep_alive_pings_get_pongs_and_the_connection_keeps_working()
    {
        await using var server = new TestHttpServer();
        using var ws = new ClientWebSocket();
        // With KeepAliveTimeout set the client sends real pings and aborts if no pong comes back in time.
        ws.Options.KeepAliveInterval = TimeSpan.FromMilliseconds(20);
        ws.Options.KeepAliveTimeout = TimeSpan.FromSeconds(20);
        await ws.ConnectAsync(server.WsUri(), default).WaitAsync(Timeout);

        // Each round trip gives the keep-alive timer a chance to fire; the count is bounded, not the time.
        for (var i = 0; i < 50; i++)
        {
            await SendAsync(ws, Encoding.UTF8.GetBytes($"tick {i}"), WebSocketMessageType.Text);
            Assert.Equal($"tick {i}", Encoding.UTF8.GetString((await ReceiveMessageAsync(ws)).Payload));
        }

        Assert.Equal(WebSocketState.Open, ws.State);
        await CloseAsync(ws, WebSocketCloseStatus.NormalClosure);
    }

    [Theory]
    [InlineData(WebSocketMessageType.Binary)]
    [InlineData(WebSocketMessageType.Text)]
    public async Task One_MiB_messages_round_trip_intact(WebSocketMessageType type)
    {
        await using var server = new TestHttpServer();
        using var ws = await ConnectAsync(server);
        var payload = new byte[1024 * 1024];
        for (var i = 0; i < payload.Length; i++)
        {
            payload[i] = type == WebSocketMessageType.Text ? (byte)('a' + (i % 26)) : (byte)((i * 31) + 7);
        }

        var receiving = ReceiveMessageAsync(ws);
        await SendAsync(ws, payload, type);
        var echo = await receiving;

        Assert.Equal(type, echo.Type);
        Assert.True(payload.AsSpan().SequenceEqual(echo.Payload), "1 MiB echo differs");
        await CloseAsync(ws, WebSocketCloseStatus.NormalClosure);
    }

    [Fact]
    public async Task A_burst_of_1000_messages_comes_back_in_order()
    {
        const int Count = 1000;
        await using var server = new TestHttpServer();
        using var ws = await ConnectAsync(server);

        var receiving = Task.Run(async () =>
        {
            var messages = new List<string>(Count);
            for (var i = 0; i < Count; i++)
            {
                messages.Add(Encoding.UTF8.GetString((await ReceiveMessageAsync(ws)).Payload));
            }

            return messages;
        });
        for (var i = 0; i < Count; i++)
        {
            await ws.SendAsync(Encoding.UTF8.GetBytes($"m{i}").AsMemory(), WebSocketMessageType.Text, true, default);
        }

        var received = await receiving.WaitAsync(Timeout);
        Assert.Equal(Enumerable.Range(0, Count).Select(i => $"m{i}"), received);
        await CloseAsync(ws, WebSocketCloseStatus.NormalClosure);
    }

    [Fact]
    public async Task Echo_works_over_IPv6_loopback()
    {
        await using var server = new TestHttpServer(address: IPAddress.IPv6Loopback);
        Assert.Equal("ws://[::1]:" + server.Endpoint.Port + "/echo", server.WsUri().ToString());
        using var ws = await ConnectAsync(server);

        await SendAsync(ws, "over v6"u8.ToArray(), WebSocketMessageType.Text);
        Assert.Equal("over v6", Encoding.UTF8.GetString((await ReceiveMessageAsync(ws)).Payload));
        await CloseAsync(ws, WebSocketCloseStatus.NormalClosure);
    }

    internal static async Task<ClientWebSocket> ConnectAsync(TestHttpServer server, string path = "/echo")
    {
        var ws = new ClientWebSocket();
        await ws.ConnectAsync(server.WsUri(path), default).WaitAsync(Timeout);
        return ws;
    }

    internal static Task SendAsync(ClientWebSocket ws, byte[] payload, WebSocketMessageType type) =>
        ws.SendAsync(payload.AsMemory(), type, endOfMessage: true, default).AsTask().WaitAsync(Timeout);

    internal static async Task<(WebSocketMessageType Type, byte[] Payload)> ReceiveMessageAsync(ClientWebSocket ws)
    {
        using var message = new MemoryStream();
        var buffer = new byte[64 * 1024];
        while (true)
        {
            var result = await ws.ReceiveAsync(buffer.AsMemory(), default).AsTask().WaitAsync(Timeout);
            Assert.NotEqual(WebSocketMessageType.Close, result.MessageType);
            message.Write(buffer, 0, result.Count);
            if (result.EndOfMessage)
            {
                return (result.MessageType, message.ToArray());
            }
        }
    }

    internal static async Task CloseAsync(ClientWebSocket ws, WebSocketCloseStatus status)
    {
        await ws.CloseAsync(status, null, default).WaitAsync(Timeout);
        Assert.Equal(status, ws.CloseStatus);
    }

    private static async Task<int> ReadClosedCodeAsync(TestHttpServer server) =>
        await server.Application.ClosedCodes.ReadAsync().AsTask().WaitAsync(Timeout);
}
