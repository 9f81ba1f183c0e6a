using System.Collections.Concurrent;
using System.Net.Sockets;
using SocketIo.Engine.Transport;

namespace SocketIo.Engine.Tests.Transport;

public sealed class SendBatchTests
{
    [Fact]
    public async Task A_batch_holds_every_frame_back_then_writes_each_connection_once()
    {
        const int clients = 20;
        const int frames = 10;
        await using var fixture = await Fixture.StartAsync(clients);

        SendBatch.Begin();
        try
        {
            for (var f = 0; f < frames; f++)
            {
                foreach (var connection in fixture.Connections)
                {
                    Assert.Equal(EnqueueResult.Accepted, connection.Write(Payload(connection.Id, f)));
                }
            }

            // Corked: no send loop was woken, nothing was written.
            Assert.All(fixture.Connections, c => Assert.Equal(1, c.SendCalls));
            Assert.All(fixture.Connections, c => Assert.Equal(1, c.FramesSent));
        }
        finally
        {
            SendBatch.End();
        }

        // End wrote every queue on this thread before returning: one more send per connection, all frames in it.
        Assert.All(fixture.Connections, c => Assert.Equal(2, c.SendCalls));
        Assert.All(fixture.Connections, c => Assert.Equal(1 + frames, c.FramesSent));
        Assert.All(fixture.Connections, c => Assert.Equal(0, c.QueuedBytes));
        for (var i = 0; i < clients; i++)
        {
            var id = fixture.Connections[i].Id;
            var expected = Enumerable.Range(0, frames).SelectMany(f => Payload(id, f)).ToArray();
            Assert.Equal(expected, await TestSockets.ReceiveExactlyAsync(fixture.ClientOf(id), expected.Length));
        }

        await TestSockets.WaitUntilAsync(() => fixture.Connections.All(c => c.IsSenderIdle), "every sender went idle");
    }

    [Fact]
    public async Task Nested_batches_write_only_when_the_outermost_ends()
    {
        await using var fixture = await Fixture.StartAsync(1);
        var connection = fixture.Connections[0];

        SendBatch.Begin();
        SendBatch.Begin();
        connection.Write(Payload(connection.Id, 0));
        SendBatch.End();
        Assert.Equal(1, connection.FramesSent);
        connection.Write(Payload(connection.Id, 1));
        SendBatch.End();

        Assert.Equal(3, connection.FramesSent);
        Assert.Equal(2, connection.SendCalls);
    }

    [Fact]
    public async Task What_the_kernel_does_not_take_at_once_is_handed_to_the_send_loop_in_order()
    {
        await using var fixture = await Fixture.StartAsync(1, sendBufferSize: 16 * 1024, receiveBufferSize: 16 * 1024);
        var connection = fixture.Connections[0];

        // 4 MiB of 4 KiB frames (and a few larger than the 64 KiB staging buffer) cannot fit in the socket
        // buffers of a peer that is not reading, so the corked write stops at EAGAIN and the loop continues.
        var expected = new List<byte>();
        SendBatch.Begin();
        for (var f = 0; f < 1000; f++)
        {
            var size = f % 100 == 99 ? 100 * 1024 : 4096;
            var payload = Enumerable.Range(0, size).Select(i => (byte)(f + i)).ToArray();
            expected.AddRange(payload);
            Assert.NotEqual(EnqueueResult.RejectedOverLimit, connection.Write(payload));
        }

        SendBatch.End();
        Assert.True(connection.QueuedBytes > 0, "the peer is not reading, so some output is still queued");

        Assert.Equal(expected, await TestSockets.ReceiveExactlyAsync(fixture.ClientOf(connection.Id), expected.Count));
        await TestSockets.WaitUntilAsync(() => connection.FramesSent == 1001 && connection.QueuedBytes == 0, "every frame was sent");
    }

    [Fact]
    public async Task A_connection_closed_while_deferred_releases_its_frames_and_the_batch_goes_on()
    {
        await using var fixture = await Fixture.StartAsync(2);
        var (closed, open) = (fixture.Connections[0], fixture.Connections[1]);
        var outstanding = fixture.Server.FramePool.Outstanding;

        SendBatch.Begin();
        var frame = fixture.Server.FramePool.RentCopy("shared"u8);
        closed.Enqueue(frame);
        open.Enqueue(frame);
        frame.Release();
        closed.Abort();
        SendBatch.End();

        Assert.Equal(2, open.FramesSent);
        Assert.Equal("shared"u8.ToArray(), await TestSockets.ReceiveExactlyAsync(fixture.ClientOf(open.Id), 6));
        await TestSockets.WaitUntilAsync(() => fixture.Server.FramePool.Outstanding == outstanding, "the frame went back to its pool");
    }

    private static byte[] Payload(long connection, int frame) => System.Text.Encoding.ASCII.GetBytes($"[{connection}:{frame}]");

    /// <summary>Connected clients whose server connections each sent one warm-up frame and parked their send loop.</summary>
    private sealed class Fixture : IAsyncDisposable
    {
        private readonly Dictionary<long, Socket> _clients = [];

        private Fixture(TransportServer server) => Server = server;

        public TransportServer Server { get; }

        public List<TransportConnection> Connections { get; } = [];

        public Socket ClientOf(long id) => _clients[id];

        public static async Task<Fixture> StartAsync(int clients, int sendBufferSize = 0, int receiveBufferSize = 0)
        {
            var accepted = new ConcurrentQueue<TransportConnection>();
            var handler = new DelegateHandler(async (c, _) =>
            {
                if (sendBufferSize > 0)
                {
                    c.Socket.SendBufferSize = sendBufferSize;
                }

                accepted.Enqueue(c);
                await TestSockets.DrainInputAsync(c.Input);
            });
            var fixture = new Fixture(new TransportServer(handler, o => o with { OutputHardLimit = 64 * 1024 * 1024, MaxQueuedFrames = 4096 }));
            for (var i = 0; i < clients; i++)
            {
                var socket = await TestSockets.ConnectAsync(fixture.Server.Endpoint, receiveBufferSize);
                await TestSockets.WaitUntilAsync(() => !accepted.IsEmpty, "the connection was accepted");
                accepted.TryDequeue(out var connection);
                fixture.Connections.Add(connection!);
                fixture._clients[connection!.Id] = socket;
            }

            // Each send loop sends the warm-up frame itself and parks: from then on a frame has to wake it.
            foreach (var connection in fixture.Connections)
            {
                connection.Write(WarmUp(connection.Id));
                await TestSockets.ReceiveExactlyAsync(fixture._clients[connection.Id], WarmUp(connection.Id).Length);
                await TestSockets.WaitUntilAsync(() => connection.IsSenderIdle && connection.FramesSent == 1, "the sender went idle");
            }

            return fixture;
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var socket in _clients.Values)
            {
                socket.Dispose();
            }

            await Server.DisposeAsync();
        }

        private static byte[] WarmUp(long id) => System.Text.Encoding.ASCII.GetBytes($"warm-up {id}|");
    }
}
