using SocketIo.Engine.Tests.Support;
using SocketIOClient;
using SocketIOClient.Transport;

namespace SocketIo.Engine.Tests.Interop;

/// <summary>The .NET <c>SocketIOClient</c> package (3.0.6) against the reference app: events, acks both ways, binary.</summary>
public sealed class DotNetClientInteropTests
{
    public static TheoryData<string> Transports => new() { "websocket", "polling" };

    private static SocketIOClient.SocketIO CreateClient(ReferenceServer server, string transport, object? auth = null) =>
        new(server.BaseUrl, new SocketIOOptions
        {
            EIO = 4,
            Transport = transport == "websocket" ? TransportProtocol.WebSocket : TransportProtocol.Polling,
            AutoUpgrade = false,
            Reconnection = false,
            ConnectionTimeout = TestHttpServer.Timeout,
            Auth = auth,
        });

    /// <summary>Registers a handler for the next <paramref name="eventName"/> (before anything can trigger it).</summary>
    private static Task<SocketIOResponse> Next(SocketIOClient.SocketIO client, string eventName)
    {
        var next = new TaskCompletionSource<SocketIOResponse>(TaskCreationOptions.RunContinuationsAsynchronously);
        client.On(eventName, response => next.TrySetResult(response));
        return next.Task.WaitAsync(TestHttpServer.Timeout);
    }

    private static Task<SocketIOResponse> EmitWithAckAsync(SocketIOClient.SocketIO client, string eventName, params object[] args)
    {
        var ack = new TaskCompletionSource<SocketIOResponse>(TaskCreationOptions.RunContinuationsAsynchronously);
        return client.EmitAsync(eventName, response => ack.TrySetResult(response), args)
            .ContinueWith(_ => ack.Task, TaskScheduler.Default).Unwrap().WaitAsync(TestHttpServer.Timeout);
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task Events_round_trip(string transport)
    {
        await using var server = new ReferenceServer();
        using var client = CreateClient(server, transport, new Dictionary<string, object> { ["token"] = "dotnet" });
        var auth = Next(client, "auth");
        var back = Next(client, "message-back");
        await client.ConnectAsync().WaitAsync(TestHttpServer.Timeout);
        Assert.Equal("""{"token":"dotnet"}""", (await auth).GetValue(0).GetRawText());

        await client.EmitAsync("message", "héllo € 😀", 42, new Dictionary<string, object?> { ["a"] = new[] { 1, 2 }, ["b"] = null }, true);
        var response = await back;
        Assert.Equal(4, response.Count);
        Assert.Equal("héllo € 😀", response.GetValue<string>(0));
        Assert.Equal(42, response.GetValue<int>(1));
        Assert.Equal("""{"a":[1,2],"b":null}""", response.GetValue(2).GetRawText());
        Assert.True(response.GetValue<bool>(3));
        await client.DisconnectAsync();
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task Acks_both_ways(string transport)
    {
        await using var server = new ReferenceServer();
        using var client = CreateClient(server, transport);
        client.On("question", response => _ = response.CallbackAsync(response.GetValue<string>(0) + "!", response.GetValue<int>(1) * 2));
        var answer = Next(client, "answer");
        await client.ConnectAsync().WaitAsync(TestHttpServer.Timeout);

        var ack = await EmitWithAckAsync(client, "message-with-ack", "x", 1, new[] { "nested" });
        Assert.Equal(3, ack.Count);
        Assert.Equal("x", ack.GetValue<string>(0));
        Assert.Equal(1, ack.GetValue<int>(1));
        Assert.Equal("""["nested"]""", ack.GetValue(2).GetRawText());

        await client.EmitAsync("ask", "why", 21);
        var reply = await answer;
        Assert.Equal("why!", reply.GetValue<string>(0));
        Assert.Equal(42, reply.GetValue<int>(1));
        await client.DisconnectAsync();
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task Binary_in_events_and_acks(string transport)
    {
        await using var server = new ReferenceServer();
        using var client = CreateClient(server, transport);
        byte[] first = [1, 2, 3, 255];
        byte[] second = [.. Enumerable.Range(0, 5000).Select(i => (byte)(i * 7))];
        client.On("question", response => _ = response.CallbackAsync(response.GetValue<byte[]>(0), "ok"));
        var back = Next(client, "message-back");
        var answer = Next(client, "answer");
        await client.ConnectAsync().WaitAsync(TestHttpServer.Timeout);

        await client.EmitAsync("message", first, "between", second);
        var echoed = await back;
        Assert.Equal(first, echoed.GetValue<byte[]>(0));
        Assert.Equal("between", echoed.GetValue<string>(1));
        Assert.Equal(second, echoed.GetValue<byte[]>(2));

        var ack = await EmitWithAckAsync(client, "message-with-ack", second);
        Assert.Equal(second, ack.GetValue<byte[]>(0));

        await client.EmitAsync("ask", first);
        var reply = await answer;
        Assert.Equal(first, reply.GetValue<byte[]>(0));
        Assert.Equal("ok", reply.GetValue<string>(1));
        await client.DisconnectAsync();
    }
}
