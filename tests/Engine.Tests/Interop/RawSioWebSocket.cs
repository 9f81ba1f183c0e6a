using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using SocketIo.Engine.Tests.Support;

namespace SocketIo.Engine.Tests.Interop;

/// <summary>
/// A hand-driven Socket.IO connection over a plain WebSocket: it sends exactly the Engine.IO messages a test writes
/// (valid or not) and reads what comes back, skipping the server's pings.
/// </summary>
internal sealed class RawSioWebSocket : IDisposable
{
    private readonly ClientWebSocket _socket = new();

    private RawSioWebSocket()
    {
    }

    /// <summary>The id of the socket joined to <c>/</c>.</summary>
    public string SocketId { get; private set; } = string.Empty;

    /// <summary>Opens the WebSocket and joins <c>/</c> (reading the CONNECT reply and the app's <c>auth</c> event).</summary>
    public static async Task<RawSioWebSocket> ConnectAsync(ReferenceServer server)
    {
        var client = new RawSioWebSocket();
        await client._socket.ConnectAsync(new Uri($"ws://127.0.0.1:{server.Port}/socket.io/?EIO=4&transport=websocket"), CancellationToken.None)
            .WaitAsync(TestHttpServer.Timeout);
        Assert.StartsWith("0{", await client.ReceiveTextAsync(), StringComparison.Ordinal);
        await client.SendTextAsync("40");
        var connected = await client.ReceiveTextAsync();
        Assert.StartsWith("40{", connected, StringComparison.Ordinal);
        using (var json = JsonDocument.Parse(connected[2..]))
        {
            client.SocketId = json.RootElement.GetProperty("sid").GetString()!;
        }

        Assert.Equal("""42["auth",{}]""", await client.ReceiveTextAsync());
        return client;
    }

    public Task SendTextAsync(string text) =>
        _socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None).WaitAsync(TestHttpServer.Timeout);

    public Task SendBinaryAsync(byte[] bytes) =>
        _socket.SendAsync(bytes, WebSocketMessageType.Binary, true, CancellationToken.None).WaitAsync(TestHttpServer.Timeout);

    /// <summary>The next text message that is not a ping (pings are answered).</summary>
    public async Task<string> ReceiveTextAsync()
    {
        while (true)
        {
            var (type, data) = await ReceiveAsync();
            Assert.Equal(WebSocketMessageType.Text, type);
            var text = Encoding.UTF8.GetString(data);
            if (text == "2")
            {
                await SendTextAsync("3");
                continue;
            }

            return text;
        }
    }

    /// <summary>Reads until the server closes the WebSocket; returns the text messages that came first.</summary>
    public async Task<List<string>> ReadUntilClosedAsync()
    {
        var before = new List<string>();
        while (true)
        {
            (WebSocketMessageType Type, byte[] Data) message;
            try
            {
                message = await ReceiveAsync();
            }
            catch (WebSocketException)
            {
                // The server may drop TCP right after its Close frame.
                return before;
            }

            if (message.Type == WebSocketMessageType.Close)
            {
                return before;
            }

            before.Add(Encoding.UTF8.GetString(message.Data));
        }
    }

    /// <summary>The next message that is not a ping (pings are answered), text or binary.</summary>
    public async Task<(WebSocketMessageType Type, byte[] Data)> ReceiveMessageAsync()
    {
        while (true)
        {
            var message = await ReceiveAsync();
            if (message.Type == WebSocketMessageType.Text && message.Data is [(byte)'2'])
            {
                await SendTextAsync("3");
                continue;
            }

            return message;
        }
    }

    public void Dispose() => _socket.Dispose();

    private async Task<(WebSocketMessageType Type, byte[] Data)> ReceiveAsync()
    {
        using var stream = new MemoryStream();
        var buffer = new byte[16 * 1024];
        while (true)
        {
            var result = await _socket.ReceiveAsync(buffer, CancellationToken.None).WaitAsync(TestHttpServer.Timeout);
            stream.Write(buffer, 0, result.Count);
            if (result.EndOfMessage || result.MessageType == WebSocketMessageType.Close)
            {
                return (result.MessageType, stream.ToArray());
            }
        }
    }
}
