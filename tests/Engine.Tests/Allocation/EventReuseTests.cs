using System.Net;
using System.Text;
using SocketIo.Engine.Http;
using SocketIo.Engine.SocketIO;
using SocketIo.Engine.SocketIO.EngineIoBridge;
using SocketIo.Engine.Transport;

namespace SocketIo.Engine.Tests.Allocation;

/// <summary>
/// <see cref="SocketIoServerOptions.ReuseEvents"/>: a reused event carries each new event's own data (also when a
/// longer payload grows its buffer), and an event whose asynchronous handler is still running is never reused.
/// </summary>
public sealed class EventReuseTests
{
    [Fact]
    public async Task Reused_events_carry_each_events_own_arguments_and_a_running_handlers_event_is_kept()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var endpoint = new SocketIoEndpoint(new SocketIoServerOptions { ReuseEvents = true });
        endpoint.Server.Of("/").OnConnection(socket =>
        {
            socket.On("echo", e => e.AckRaw(e.RawArguments));
            socket.On("hold", async e =>
            {
                await release.Task.ConfigureAwait(false);
                e.AckRaw(e.RawArguments);
            });
        });
        var http = new HttpServer(new TransportOptions { Endpoints = [new IPEndPoint(IPAddress.Loopback, 0)] }, endpoint.CreateHttpOptions(), endpoint);
        http.Start();
        try
        {
            await Task.Run(() =>
            {
                using var client = BlockingWebSocketClient.Connect(http.BoundEndpoints[0], "/socket.io/?EIO=4&transport=websocket");
                Assert.StartsWith("0{", Encoding.UTF8.GetString(client.ReceiveText()), StringComparison.Ordinal);
                client.Send(BlockingWebSocketClient.TextFrame("40"));
                Assert.StartsWith("40{", Encoding.UTF8.GetString(client.ReceiveText()), StringComparison.Ordinal);

                client.Send(BlockingWebSocketClient.TextFrame("""421["echo",1]"""));
                Assert.Equal("431[1]", Encoding.UTF8.GetString(client.ReceiveText()));
                client.Send(BlockingWebSocketClient.TextFrame("""422["echo","a much longer argument than before",{"x":[1,2]}]"""));
                Assert.Equal("""432["a much longer argument than before",{"x":[1,2]}]""", Encoding.UTF8.GetString(client.ReceiveText()));
                client.Send(BlockingWebSocketClient.TextFrame("""423["echo",true]"""));
                Assert.Equal("433[true]", Encoding.UTF8.GetString(client.ReceiveText()));

                // The held event must keep its arguments while later events are received and answered.
                client.Send(BlockingWebSocketClient.TextFrame("""424["hold","held"]"""));
                client.Send(BlockingWebSocketClient.TextFrame("""425["echo","next"]"""));
                Assert.Equal("""435["next"]""", Encoding.UTF8.GetString(client.ReceiveText()));
                client.Send(BlockingWebSocketClient.TextFrame("""426["echo","after"]"""));
                Assert.Equal("""436["after"]""", Encoding.UTF8.GetString(client.ReceiveText()));
                release.SetResult();
                Assert.Equal("""434["held"]""", Encoding.UTF8.GetString(client.ReceiveText()));
            });
        }
        finally
        {
            endpoint.Close();
            await http.StopAsync(TimeSpan.FromSeconds(5));
            await http.DisposeAsync();
            await endpoint.DisposeAsync();
        }
    }
}
