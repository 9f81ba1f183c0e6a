using System.Net;
using SocketIo.Engine.Http;
using SocketIo.Engine.SocketIO.EngineIoBridge;
using SocketIo.Engine.Transport;
using SocketIo.Host.Apps;
using Xunit.Abstractions;

namespace SocketIo.Engine.Tests.Allocation;

/// <summary>
/// Issue 7: bytes the whole process allocates per <c>message-with-ack</c> round trip over WebSocket against the
/// reference app, in steady state. The client allocates nothing per message, so the count is the server's.
/// </summary>
[Collection(AllocationCollection.Name)]
public sealed class AckRoundTripAllocationTests(ITestOutputHelper output)
{
    private const int Warmup = 5_000;
    private const int Measured = 20_000;

    [Fact]
    public async Task MessageWithAckAllocatesWithinBound()
    {
        var endpoint = new SocketIoEndpoint();
        ReferenceApp.Configure(endpoint.Server);
        var transport = new TransportOptions { Endpoints = [new IPEndPoint(IPAddress.Loopback, 0)] };
        var http = new HttpServer(transport, endpoint.CreateHttpOptions(), endpoint);
        http.Start();
        try
        {
            var bytesPerRequest = await Task.Run(() => Measure(http.BoundEndpoints[0]));
            output.WriteLine($"{bytesPerRequest:F1} B per message-with-ack round trip");

            // Bound: see the report in bench/results/alloc.md. What remains per request is listed there.
            Assert.True(bytesPerRequest <= MaxBytesPerRequest, $"{bytesPerRequest:F1} B per request (bound {MaxBytesPerRequest})");
        }
        finally
        {
            endpoint.Close();
            await http.StopAsync(TimeSpan.FromSeconds(5));
            await http.DisposeAsync();
            await endpoint.DisposeAsync();
        }
    }

    private const double MaxBytesPerRequest = 240;

    private double Measure(IPEndPoint server)
    {
        using var client = BlockingWebSocketClient.Connect(server, "/socket.io/?EIO=4&transport=websocket");
        Assert.StartsWith("0{", System.Text.Encoding.UTF8.GetString(client.ReceiveText()), StringComparison.Ordinal);
        client.Send(BlockingWebSocketClient.TextFrame("40"));
        Assert.StartsWith("40{", System.Text.Encoding.UTF8.GetString(client.ReceiveText()), StringComparison.Ordinal);
        Assert.Equal("""42["auth",{}]""", System.Text.Encoding.UTF8.GetString(client.ReceiveText()));

        var request = BlockingWebSocketClient.TextFrame("""421["message-with-ack",{"a":1},"hello",[1,2,3]]""");
        var expected = """431[{"a":1},"hello",[1,2,3]]"""u8.ToArray();
        RoundTrips(client, request, expected, Warmup);

        using var listener = new AllocationTickListener();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        listener.Start();
        var before = GC.GetTotalAllocatedBytes(precise: true);
        RoundTrips(client, request, expected, Measured);
        var after = GC.GetTotalAllocatedBytes(precise: true);
        listener.Stop();
        output.WriteLine(listener.Summary());
        return (after - before) / (double)Measured;
    }

    private static void RoundTrips(BlockingWebSocketClient client, byte[] request, byte[] expected, int count)
    {
        for (var i = 0; i < count; i++)
        {
            client.Send(request);
            var reply = client.ReceiveText();
            if (!reply.SequenceEqual(expected))
                Assert.Fail("unexpected reply: " + System.Text.Encoding.UTF8.GetString(reply));
        }
    }
}
