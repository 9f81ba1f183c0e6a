using System.Net;
using SocketIo.Engine.Hosting;
using SocketIo.Engine.SocketIO;
using SocketIo.Engine.Tests.Support;
using SocketIOClient;
using SocketIOClient.Transport;

namespace SocketIo.Engine.Tests.Hosting;

/// <summary>The README's embedding example, compiled and run, so the documentation stays true.</summary>
public sealed class ReadmeExampleTests
{
    [Fact]
    public async Task Readme_example_compiles_and_serves_a_client()
    {
        // --- as in README.md "Embedding the server" (port 0 instead of 3000) ---
        await using var listener = SocketIoListener.Start(new SocketIoListenerOptions
        {
            Endpoints = [new IPEndPoint(IPAddress.Loopback, 0)],
            PingInterval = TimeSpan.FromSeconds(25),
        });
        var io = listener.Server;

        io.Of("/admin").Use(socket =>
        {
            if (!socket.Handshake.Auth.TryGetProperty("token", out var token) || token.GetString() != "secret")
            {
                throw new SocketIoConnectException("unauthorized");
            }
        });

        io.OnConnection(socket =>
        {
            socket.Emit("welcome", socket.Id);
            socket.On("join", e => { socket.Join(e.GetArgument<string>(0)!); e.Ack(); });
            socket.On("chat", e => socket.To("lobby").EmitRaw("chat", e.RawArguments, e.Attachments));
            socket.On("ask", async e =>
            {
                var answer = await socket.EmitWithAckAsync<string>("question", ["ready?"], TimeSpan.FromSeconds(2));
                e.Ack(answer);
            });
            socket.OnDisconnect(reason => Console.WriteLine($"{socket.Id} left: {reason}"));
        });

        io.To("lobby").Except("muted").Emit("news", "hello");
        // --- end of the README example ---

        using var client = new SocketIOClient.SocketIO($"http://127.0.0.1:{listener.Endpoints[0].Port}", new SocketIOOptions
        {
            EIO = 4,
            Transport = TransportProtocol.WebSocket,
            Reconnection = false,
            ConnectionTimeout = TestHttpServer.Timeout,
        });
        var welcome = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        client.On("welcome", r => welcome.TrySetResult(r.GetValue<string>(0)));
        client.On("question", r => _ = r.CallbackAsync("yes"));
        await client.ConnectAsync().WaitAsync(TestHttpServer.Timeout);
        var id = await welcome.Task.WaitAsync(TestHttpServer.Timeout);
        Assert.Equal(20, id.Length);

        var answer = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        await client.EmitAsync("ask", r => answer.TrySetResult(r.GetValue<string>(0)));
        Assert.Equal("yes", await answer.Task.WaitAsync(TestHttpServer.Timeout));
        await client.DisconnectAsync();
    }
}
