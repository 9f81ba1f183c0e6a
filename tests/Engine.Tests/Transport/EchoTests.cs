using System.Buffers;
using System.Net;
using System.Net.Sockets;
using System.Text;
using SocketIo.Engine.Transport;

namespace SocketIo.Engine.Tests.Transport;

public sealed class EchoTests
{
    [Fact]
    public async Task Echoes_on_ipv4_and_ipv6_loopback()
    {
        var handler = new DelegateHandler((c, _) => TestSockets.EchoAsync(c));
        await using var server = new TransportServer(
            handler,
            null,
            new IPEndPoint(IPAddress.Loopback, 0),
            new IPEndPoint(IPAddress.IPv6Loopback, 0));

        Assert.Equal(2, server.Listener.BoundEndpoints.Count);
        Assert.Equal(AddressFamily.InterNetwork, server.Listener.BoundEndpoints[0].AddressFamily);
        Assert.Equal(AddressFamily.InterNetworkV6, server.Listener.BoundEndpoints[1].AddressFamily);
        Assert.NotEqual(0, server.Listener.BoundEndpoints[1].Port);

        foreach (var endpoint in server.Listener.BoundEndpoints)
        {
            using var client = await TestSockets.ConnectAsync(endpoint);
            var message = Encoding.ASCII.GetBytes("hello over " + endpoint.AddressFamily);
            await client.SendAsync(message);
            Assert.Equal(message, await TestSockets.ReceiveExactlyAsync(client, message.Length));

            // After the echo the input is consumed and the next read waits with a zero-byte receive:
            // the idle connection holds no block.
            await TestSockets.WaitUntilAsync(() => server.Listener.MemoryPool.Outstanding == 0, "the idle connection returned its buffer");

            client.Shutdown(SocketShutdown.Send);
            Assert.True(await TestSockets.ReadToCloseAsync(client));
        }

        await TestSockets.WaitUntilAsync(() => server.Listener.ConnectionCount == 0, "both connections finished");
        Assert.Equal(2, server.Listener.Metrics.ConnectionsAccepted);
        Assert.True(server.Listener.Metrics.BytesReceived > 0);
        Assert.Equal(server.Listener.Metrics.BytesReceived, server.Listener.Metrics.BytesSent);
    }

    [Fact]
    public async Task Input_larger_than_the_pause_threshold_flows_through_a_reader_that_consumes_it()
    {
        const int size = 300_000;
        var received = new TaskCompletionSource<byte[]>(TaskCreationOptions.RunContinuationsAsynchronously);
        var handler = new DelegateHandler(async (c, _) =>
        {
            // The input holds at most the threshold unconsumed; a reader that consumes as it goes gets everything.
            var all = new byte[size];
            var count = 0;
            while (count < size)
            {
                var result = await c.Input.ReadAsync();
                Assert.True(result.Buffer.Length <= 64 * 1024);
                result.Buffer.CopyTo(all.AsSpan(count));
                count += (int)result.Buffer.Length;
                c.Input.AdvanceTo(result.Buffer.End);
                Assert.False(result.IsCompleted);
            }

            received.SetResult(all);
        });
        await using var server = new TransportServer(handler, o => o with { InputPauseThreshold = 64 * 1024 });

        using var client = await TestSockets.ConnectAsync(server.Endpoint);
        var payload = new byte[size];
        new Random(7).NextBytes(payload);
        await client.SendAsync(payload);
        Assert.Equal(payload, await received.Task.WaitAsync(TransportServer.Timeout));
        Assert.True(await TestSockets.ReadToCloseAsync(client));
    }

    [Fact]
    public async Task Half_close_sends_queued_output_then_fin_and_keeps_reading()
    {
        var gotReply = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var handler = new DelegateHandler(async (c, _) =>
        {
            c.Write("bye"u8);
            await c.CloseOutputAsync();
            Assert.Equal(EnqueueResult.RejectedClosed, c.Write("late"u8));
            gotReply.SetResult(Encoding.ASCII.GetString(await TestSockets.ReadBytesAsync(c.Input, 3)));
        });
        await using var server = new TransportServer(handler);

        using var client = await TestSockets.ConnectAsync(server.Endpoint);
        Assert.Equal("bye"u8.ToArray(), await TestSockets.ReceiveExactlyAsync(client, 3));
        Assert.Equal(0, await client.ReceiveAsync(new byte[1].AsMemory()).AsTask().WaitAsync(TransportServer.Timeout));

        // The server's FIN closed only its sending side: it still reads.
        await client.SendAsync("ack"u8.ToArray());
        Assert.Equal("ack", await gotReply.Task.WaitAsync(TransportServer.Timeout));
    }

    [Fact]
    public async Task A_throwing_handler_closes_its_connection()
    {
        TransportConnection? seen = null;
        var handler = new DelegateHandler(async (c, _) =>
        {
            seen = c;
            await TestSockets.ReadBytesAsync(c.Input, 1);
            throw new InvalidOperationException("handler bug");
        });
        await using var server = new TransportServer(handler);

        using var client = await TestSockets.ConnectAsync(server.Endpoint);
        await client.SendAsync("x"u8.ToArray());
        await TestSockets.ReadToCloseAsync(client);
        await TestSockets.WaitUntilAsync(() => server.Listener.ConnectionCount == 0, "the connection finished");
        Assert.Equal(ConnectionCloseReason.HandlerFailed, seen!.CloseReason);
    }
}
