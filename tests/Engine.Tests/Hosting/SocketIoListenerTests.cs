using System.Net;
using SocketIo.Engine.Hosting;
using SocketIo.Engine.Tests.Support;
using SocketIOClient;
using SocketIOClient.Transport;

namespace SocketIo.Engine.Tests.Hosting;

/// <summary>The public embedding API, driven by the .NET SocketIOClient package over loopback.</summary>
public sealed class SocketIoListenerTests
{
    [Theory]
    [InlineData(TransportProtocol.WebSocket)]
    [InlineData(TransportProtocol.Polling)]
    public async Task Embedded_server_answers_events_with_acks_and_broadcasts(TransportProtocol transport)
    {
        await using var listener = SocketIoListener.Start(new SocketIoListenerOptions { Endpoints = [new IPEndPoint(IPAddress.Loopback, 0)] });
        listener.Server.OnConnection(socket =>
        {
            socket.On("hello", e => e.Ack("hi " + e.GetArgument<string>(0)));
            socket.On("shout", e => listener.Server.Emit("heard", e.GetArgument<string>(0)));
        });

        using var client = new SocketIOClient.SocketIO($"http://127.0.0.1:{listener.Endpoints[0].Port}", new SocketIOOptions
        {
            EIO = 4,
            Transport = transport,
            AutoUpgrade = false,
            Reconnection = false,
            ConnectionTimeout = TestHttpServer.Timeout,
        });
        var heard = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        client.On("heard", r => heard.TrySetResult(r.GetValue<string>(0)));
        await client.ConnectAsync().WaitAsync(TestHttpServer.Timeout);

        var ack = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        await client.EmitAsync("hello", r => ack.TrySetResult(r.GetValue<string>(0)), "dotnet");
        Assert.Equal("hi dotnet", await ack.Task.WaitAsync(TestHttpServer.Timeout));

        await client.EmitAsync("shout", "everyone");
        Assert.Equal("everyone", await heard.Task.WaitAsync(TestHttpServer.Timeout));
        await client.DisconnectAsync();
    }

    [Fact]
    public async Task Stop_disconnects_clients_and_refuses_new_connections()
    {
        var listener = SocketIoListener.Start(new SocketIoListenerOptions { Endpoints = [new IPEndPoint(IPAddress.Loopback, 0)] });
        var port = listener.Endpoints[0].Port;
        var disconnected = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var connected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        listener.Server.OnConnection(socket =>
        {
            socket.OnDisconnect(reason => disconnected.TrySetResult(reason));
            connected.TrySetResult();
        });

        using var client = new SocketIOClient.SocketIO($"http://127.0.0.1:{port}", new SocketIOOptions
        {
            EIO = 4,
            Transport = TransportProtocol.WebSocket,
            Reconnection = false,
            ConnectionTimeout = TestHttpServer.Timeout,
        });
        await client.ConnectAsync().WaitAsync(TestHttpServer.Timeout);
        await connected.Task.WaitAsync(TestHttpServer.Timeout);

        await listener.StopAsync(TimeSpan.FromSeconds(5));
        Assert.Equal("server shutting down", await disconnected.Task.WaitAsync(TestHttpServer.Timeout));
        await listener.DisposeAsync();

        using var probe = new System.Net.Sockets.TcpClient();
        await Assert.ThrowsAnyAsync<System.Net.Sockets.SocketException>(() => probe.ConnectAsync(IPAddress.Loopback, port));
    }
}
