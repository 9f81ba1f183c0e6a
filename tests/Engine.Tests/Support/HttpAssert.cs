namespace SocketIo.Engine.Tests.Support;

/// <summary>Shared checks of the network tests.</summary>
internal static class HttpAssert
{
    /// <summary>A well-formed request on a new connection is answered: the server is still healthy.</summary>
    public static async Task ServesAsync(TestHttpServer server)
    {
        using var good = await RawConnection.OpenAsync(server.Endpoint);
        await good.SendAsync("GET /conn HTTP/1.1\r\nHost: localhost\r\n\r\n");
        var response = await good.ReadResponseAsync();
        Assert.Equal(200, response.Status);
        Assert.False(response.ConnectionHas("close"));
    }

    /// <summary>A WebSocket on a new connection echoes: the server is still healthy.</summary>
    public static async Task EchoesAsync(TestHttpServer server)
    {
        using var good = await RawConnection.OpenAsync(server.Endpoint);
        await good.UpgradeAsync();
        await good.SendAsync(Protocol.Tests.WebSockets.MalformedWebSocketFrames.Frame(0x81, "still here"u8));
        var frame = await good.ReadFrameAsync();
        Assert.Equal(0x81, frame.First);
        Assert.Equal("still here"u8.ToArray(), frame.Payload);
    }
}
