using System.Net.WebSockets;
using System.Text;
using SocketIo.Engine.Tests.Support;

namespace SocketIo.Engine.Tests.Transport;

/// <summary>
/// The Host with <c>--inline-io</c>: on Linux every receive is then handled on our epoll engines' own threads (one
/// per core) instead of the thread pool. BCL WebSocket clients talk to its echo endpoint concurrently.
/// </summary>
public sealed class HostInlineIoTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Concurrent_websocket_clients_are_echoed_in_order_with_inline_completions()
    {
        using var host = HostProcess.Start("", "--app echo --ws-echo /echo --inline-io", out var ready);
        try
        {
            var endpoint = await ready.Task.WaitAsync(Timeout);
            var clients = Enumerable.Range(0, 20).Select(async client =>
            {
                using var socket = new ClientWebSocket();
                using var timeout = new CancellationTokenSource(Timeout);
                await socket.ConnectAsync(new Uri($"ws://{endpoint}/echo"), timeout.Token);
                var buffer = new byte[256];
                for (var i = 0; i < 100; i++)
                {
                    var text = $"client {client} message {i}";
                    await socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, timeout.Token);
                    var received = await socket.ReceiveAsync(buffer, timeout.Token);
                    Assert.True(received.EndOfMessage);
                    Assert.Equal(text, Encoding.UTF8.GetString(buffer, 0, received.Count));
                }

                await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", timeout.Token);
            });
            await Task.WhenAll(clients);
            Assert.False(host.HasExited, "the Host exited");
        }
        finally
        {
            await HostProcess.StopAsync(host);
        }
    }
}
