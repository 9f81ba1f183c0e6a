using System.Net;
using SocketIo.Engine.SocketIO;

namespace SocketIo.Engine.Tests.Interop;

/// <summary>
/// <c>disconnect-me</c> (the server's <c>socket.disconnect(true)</c>) written by hand: the DISCONNECT reaches the
/// client before the connection closes. Over polling the close packet comes in a later poll than the DISCONNECT,
/// like the reference; in one payload socket.io-client would handle the close first and lose the reason.
/// </summary>
public sealed class ServerCloseTests
{
    [Fact]
    public async Task Polling_delivers_the_disconnect_then_the_close_in_a_later_poll()
    {
        await using var server = new ReferenceServer();
        using var client = await RawSioPolling.ConnectAsync(server);
        Assert.Equal((HttpStatusCode.OK, "ok"), await client.PostAsync("""42["disconnect-me"]"""));
        Assert.Equal((HttpStatusCode.OK, "41"), await client.GetAsync());
        Assert.Equal((HttpStatusCode.OK, "6\u001e1"), await client.GetAsync());
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync()).Status);
        Assert.Equal(SocketIoDisconnectReason.ServerNamespaceDisconnect, await server.DisconnectReasonAsync(client.SocketId));
    }

    [Fact]
    public async Task WebSocket_delivers_the_disconnect_then_a_close_frame()
    {
        await using var server = new ReferenceServer();
        using var client = await RawSioWebSocket.ConnectAsync(server);
        await client.SendTextAsync("""42["disconnect-me"]""");
        Assert.Equal(["41"], await client.ReadUntilClosedAsync());
        Assert.Equal(SocketIoDisconnectReason.ServerNamespaceDisconnect, await server.DisconnectReasonAsync(client.SocketId));
    }
}
