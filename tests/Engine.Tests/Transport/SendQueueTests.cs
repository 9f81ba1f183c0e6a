using System.Collections.Concurrent;
using SocketIo.Engine.Transport;

namespace SocketIo.Engine.Tests.Transport;

public sealed class SendQueueTests
{
    [Fact]
    public async Task Frames_queued_while_a_send_is_blocked_leave_in_one_gather_send()
    {
        var connected = new TaskCompletionSource<TransportConnection>(TaskCreationOptions.RunContinuationsAsynchronously);
        var handler = new DelegateHandler(async (c, _) =>
        {
            c.Socket.SendBufferSize = 16 * 1024;
            connected.SetResult(c);
            await TestSockets.DrainInputAsync(c.Input);
        });
        await using var server = new TransportServer(handler, o => o with { OutputHardLimit = 16 * 1024 * 1024 });
        using var client = await TestSockets.ConnectAsync(server.Endpoint, receiveBufferSize: 16 * 1024);
        var connection = await connected.Task.WaitAsync(TransportServer.Timeout);

        // 4 MiB cannot fit in the small socket buffers of a peer that is not reading yet, so this send stays
        // in flight and every small frame below has to wait for the next send.
        const int bigSize = 4 * 1024 * 1024;
        var big = server.FramePool.Rent(bigSize);
        big.GetSpan(bigSize)[..bigSize].Fill(0xAB);
        big.Advance(bigSize);
        Assert.NotEqual(EnqueueResult.RejectedOverLimit, connection.Enqueue(big));
        big.Release();

        const int smallCount = 100;
        var expectedTail = new byte[smallCount * 64];
        for (var i = 0; i < smallCount; i++)
        {
            var payload = expectedTail.AsSpan(i * 64, 64);
            payload.Fill((byte)i);
            Assert.NotEqual(EnqueueResult.RejectedOverLimit, connection.Write(payload));
        }

        var received = await TestSockets.ReceiveExactlyAsync(client, bigSize + expectedTail.Length);
        Assert.True(received.AsSpan(0, bigSize).IndexOfAnyExcept((byte)0xAB) < 0);
        Assert.Equal(expectedTail, received.AsSpan(bigSize).ToArray());

        await TestSockets.WaitUntilAsync(() => connection.FramesSent == smallCount + 1, "all frames were sent");
        Assert.True(connection.SendCalls <= 10, $"{connection.FramesSent} frames took {connection.SendCalls} sends");
        Assert.Equal(bigSize + expectedTail.Length, connection.BytesSent);
        Assert.Equal(0, connection.QueuedBytes);
    }

    [Fact]
    public async Task One_shared_frame_reaches_100_connections_and_returns_to_the_pool_once()
    {
        const int clients = 100;
        var connections = new ConcurrentBag<TransportConnection>();
        var handler = new DelegateHandler(async (c, _) =>
        {
            connections.Add(c);
            await TestSockets.DrainInputAsync(c.Input);
        });
        await using var server = new TransportServer(handler);

        var sockets = new List<System.Net.Sockets.Socket>();
        try
        {
            for (var i = 0; i < clients; i++)
            {
                sockets.Add(await TestSockets.ConnectAsync(server.Endpoint));
            }

            await TestSockets.WaitUntilAsync(() => connections.Count == clients, "every handler started");

            var content = "42[\"news\",{\"hello\":\"world\"}]"u8.ToArray();
            var frame = server.FramePool.RentCopy(content);
            foreach (var connection in connections)
            {
                Assert.Equal(EnqueueResult.Accepted, connection.Enqueue(frame));
            }

            frame.Release();

            foreach (var socket in sockets)
            {
                Assert.Equal(content, await TestSockets.ReceiveExactlyAsync(socket, content.Length));
            }

            await TestSockets.WaitUntilAsync(() => server.FramePool.Outstanding == 0, "the last holder released the frame");
            Assert.Equal(1, server.FramePool.TotalRented);
            Assert.Equal(1, server.FramePool.TotalReturned);
        }
        finally
        {
            foreach (var socket in sockets)
            {
                socket.Dispose();
            }
        }
    }

    [Fact]
    public async Task A_peer_that_stops_reading_hits_high_water_then_the_hard_limit_while_others_stay_responsive()
    {
        var connected = new ConcurrentQueue<TransportConnection>();
        var handler = new DelegateHandler(async (c, _) =>
        {
            c.Socket.SendBufferSize = 4096;
            connected.Enqueue(c);
            await TestSockets.EchoAsync(c);
        });
        await using var server = new TransportServer(handler, o => o with { OutputHighWaterMark = 64 * 1024, OutputHardLimit = 256 * 1024 });

        using var stalled = await TestSockets.ConnectAsync(server.Endpoint, receiveBufferSize: 4096);
        await TestSockets.WaitUntilAsync(() => connected.Count == 1, "the stalled connection started");
        connected.TryPeek(out var stalledConnection);

        var frame = server.FramePool.RentCopy(new byte[4096]);
        var firstOverHighWater = -1;
        var rejectedAt = -1;
        for (var i = 0; i < 100_000 && rejectedAt < 0; i++)
        {
            switch (stalledConnection!.Enqueue(frame))
            {
                case EnqueueResult.AcceptedOverHighWater when firstOverHighWater < 0:
                    firstOverHighWater = i;
                    Assert.True(stalledConnection.IsOutputCongested);
                    break;
                case EnqueueResult.RejectedOverLimit:
                    rejectedAt = i;
                    break;
                case EnqueueResult.RejectedClosed:
                    Assert.Fail("The connection closed on its own.");
                    break;
            }

            Assert.True(stalledConnection.QueuedBytes <= 256 * 1024);
        }

        frame.Release();
        Assert.True(firstOverHighWater >= 0, "high-water signal");
        Assert.True(rejectedAt > firstOverHighWater, "hard limit after high water");
        Assert.True(stalledConnection!.IsOutputCongested);

        using var healthy = await TestSockets.ConnectAsync(server.Endpoint);
        await healthy.SendAsync("ping"u8.ToArray());
        Assert.Equal("ping"u8.ToArray(), await TestSockets.ReceiveExactlyAsync(healthy, 4));

        // The upper layer decides to close the slow consumer; its queued frames go back to the pool.
        stalledConnection.Abort();
        Assert.Equal(ConnectionCloseReason.Aborted, stalledConnection.CloseReason);
        Assert.Equal(EnqueueResult.RejectedClosed, stalledConnection.Write("x"u8));
        await TestSockets.WaitUntilAsync(() => server.FramePool.Outstanding == 0, "queued frames were released");
    }
}
