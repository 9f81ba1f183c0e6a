namespace SocketIo.Engine.Tests.Interop;

/// <summary>What <c>socket.Handshake</c> reports for a real opening request (read by the Engine.IO bridge).</summary>
public sealed class HandshakeTests
{
    [Fact]
    public async Task Handshake_carries_the_opening_request()
    {
        await using var server = new ReferenceServer();
        var connected = server.NextConnectionAsync();
        var before = DateTimeOffset.UtcNow;
        using var client = await RawSioPolling.ConnectAsync(
            server,
            "&name=first&name=last+one&caf%C3%A9=%E2%82%AC",
            [new("X-Custom", "one"), new("X-Custom", "two"), new("Origin", "http://example.test")]);
        var socket = await connected;
        Assert.Equal(client.SocketId, socket.Id);

        var handshake = socket.Handshake;
        Assert.Equal("last one", handshake.Query["name"]);
        Assert.Equal("€", handshake.Query["café"]);
        Assert.Equal("4", handshake.Query["EIO"]);
        Assert.Equal("polling", handshake.Query["transport"]);
        Assert.Equal("one, two", handshake.Headers["x-custom"]);
        Assert.Equal("one, two", handshake.Headers["X-CUSTOM"]);
        Assert.Equal($"127.0.0.1:{server.Port}", handshake.Headers["host"]);
        Assert.Equal("127.0.0.1", handshake.Address);
        Assert.True(handshake.CrossDomain);
        Assert.False(handshake.Secure);
        Assert.Equal("/socket.io/?EIO=4&transport=polling&name=first&name=last+one&caf%C3%A9=%E2%82%AC", handshake.Url);
        Assert.InRange(handshake.Time, before.AddSeconds(-1), DateTimeOffset.UtcNow.AddSeconds(1));
        Assert.Equal("{}", handshake.Auth.GetRawText());
    }

    [Fact]
    public async Task WebSocket_handshake_has_no_origin_and_its_own_query()
    {
        await using var server = new ReferenceServer();
        var connected = server.NextConnectionAsync();
        using var client = await RawSioWebSocket.ConnectAsync(server);
        var handshake = (await connected).Handshake;
        Assert.Equal("websocket", handshake.Query["transport"]);
        Assert.False(handshake.CrossDomain);
        Assert.Equal("websocket", handshake.Headers["upgrade"], ignoreCase: true);
    }
}
