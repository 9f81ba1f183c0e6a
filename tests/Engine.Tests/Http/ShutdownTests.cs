using System.Net.Sockets;
using System.Net.WebSockets;
using SocketIo.Engine.Tests.Support;
using SocketIo.Engine.Tests.WebSockets;

namespace SocketIo.Engine.Tests.Http;

/// <summary>Graceful shutdown: WebSockets get 1001, held requests finish or are force-closed, nothing new is accepted.</summary>
public sealed class ShutdownTests
{
    [Fact]
    public async Task An_open_ClientWebSocket_receives_1001_when_the_server_stops()
    {
        await using var server = new TestHttpServer();
        using var ws = await ClientWebSocketEchoTests.ConnectAsync(server);
        await ClientWebSocketEchoTests.SendAsync(ws, "hi"u8.ToArray(), WebSocketMessageType.Text);
        await ClientWebSocketEchoTests.ReceiveMessageAsync(ws);

        var stopping = server.StopAsync(TestHttpServer.Timeout);
        var result = await ws.ReceiveAsync(new byte[16], default).WaitAsync(TestHttpServer.Timeout);
        Assert.Equal(WebSocketMessageType.Close, result.MessageType);
        Assert.Equal(WebSocketCloseStatus.EndpointUnavailable, result.CloseStatus); // 1001
        await ws.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, default).WaitAsync(TestHttpServer.Timeout);

        await stopping;
        await AssertRefusesConnectionsAsync(server);
    }

    [Fact]
    public async Task A_held_request_that_honours_shutdown_finishes_its_response()
    {
        await using var server = new TestHttpServer();
        using var client = await RawConnection.OpenAsync(server.Endpoint);
        await client.SendAsync("GET /hold-until-shutdown HTTP/1.1\r\nHost: a\r\n\r\n");
        await server.Application.Held.Task.WaitAsync(TestHttpServer.Timeout);

        var stopping = server.StopAsync(TestHttpServer.Timeout);
        var response = await client.ReadResponseAsync();
        Assert.Equal((200, "bye"), (response.Status, response.BodyText));
        Assert.Empty(await client.ReadToCloseAsync());
        await stopping;
    }

    [Fact]
    public async Task A_held_request_that_ignores_shutdown_is_force_closed_after_the_stop_timeout()
    {
        await using var server = new TestHttpServer();
        using var client = await RawConnection.OpenAsync(server.Endpoint);
        await client.SendAsync("GET /hold HTTP/1.1\r\nHost: a\r\n\r\n");
        await server.Application.Held.Task.WaitAsync(TestHttpServer.Timeout);

        await server.StopAsync(TimeSpan.FromMilliseconds(200));

        Assert.Empty(await client.ReadToCloseAsync());
        await server.Application.HoldAborted.Task.WaitAsync(TestHttpServer.Timeout);
    }

    private static async Task AssertRefusesConnectionsAsync(TestHttpServer server)
    {
        using var socket = new Socket(server.Endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        var ex = await Assert.ThrowsAsync<SocketException>(() => socket.ConnectAsync(server.Endpoint).WaitAsync(TestHttpServer.Timeout));
        Assert.Equal(SocketError.ConnectionRefused, ex.SocketErrorCode);
    }
}
