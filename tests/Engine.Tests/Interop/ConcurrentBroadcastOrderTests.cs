using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using SocketIo.Engine.Tests.Support;

namespace SocketIo.Engine.Tests.Interop;

/// <summary>
/// Broadcasts from several threads at once, binary ones among text ones: a connection queues each packet with its
/// attachments in one step (no per-client send lock), so every binary header must still be followed at once by its
/// attachment, and each thread's packets must arrive in the order it sent them.
/// </summary>
public sealed class ConcurrentBroadcastOrderTests
{
    private const int Clients = 20; // more than one delivery batch (16)
    private const int Threads = 4;
    private const int PacketsPerThread = 60;

    [Fact]
    public async Task Binary_broadcasts_interleaved_with_text_broadcasts_arrive_intact_and_in_order()
    {
        await using var server = new ReferenceServer();
        var clients = new List<RawSioWebSocket>();
        try
        {
            for (var i = 0; i < Clients; i++)
                clients.Add(await RawSioWebSocket.ConnectAsync(server));

            using var start = new Barrier(Threads);
            var senders = Enumerable.Range(0, Threads).Select(t => Task.Factory.StartNew(
                () =>
                {
                    start.SignalAndWait(TestHttpServer.Timeout);
                    for (var i = 0; i < PacketsPerThread; i++)
                    {
                        var sent = i % 2 == 0
                            ? server.Io.Sockets.Compress(true).EmitRaw("b", Encoding.UTF8.GetBytes($$"""{{t}},{{i}},{"_placeholder":true,"num":0}"""), [new byte[] { (byte)t, (byte)i }])
                            : server.Io.Sockets.Compress(true).EmitRaw("t", Encoding.UTF8.GetBytes($"{t},{i}"));
                        Assert.Equal(Clients, sent);
                    }
                },
                CancellationToken.None,
                TaskCreationOptions.LongRunning,
                TaskScheduler.Default)).ToArray();
            await Task.WhenAll(senders).WaitAsync(TestHttpServer.Timeout);

            foreach (var client in clients)
                await AssertReceivesAllInOrderAsync(client);
        }
        finally
        {
            foreach (var client in clients)
                client.Dispose();
        }
    }

    private static async Task AssertReceivesAllInOrderAsync(RawSioWebSocket client)
    {
        var next = new int[Threads];
        for (var received = 0; received < Threads * PacketsPerThread; received++)
        {
            var (type, data) = await client.ReceiveMessageAsync();
            Assert.Equal(WebSocketMessageType.Text, type);
            var text = Encoding.UTF8.GetString(data);
            int thread, index;
            if (text.StartsWith("451-[\"b\",", StringComparison.Ordinal))
            {
                var fields = text["451-[\"b\",".Length..].Split(',');
                (thread, index) = (int.Parse(fields[0], CultureInfo.InvariantCulture), int.Parse(fields[1], CultureInfo.InvariantCulture));
                Assert.Equal("""{"_placeholder":true,"num":0}]""", string.Join(',', fields[2..]));

                // The attachment comes right after its header, never another packet in between.
                var (attachmentType, attachment) = await client.ReceiveMessageAsync();
                Assert.Equal(WebSocketMessageType.Binary, attachmentType);
                Assert.Equal(new byte[] { (byte)thread, (byte)index }, attachment);
            }
            else
            {
                Assert.StartsWith("42[\"t\",", text, StringComparison.Ordinal);
                var fields = text["42[\"t\",".Length..^1].Split(',');
                (thread, index) = (int.Parse(fields[0], CultureInfo.InvariantCulture), int.Parse(fields[1], CultureInfo.InvariantCulture));
                Assert.Equal(1, index % 2);
            }

            Assert.Equal(next[thread], index);
            next[thread]++;
        }

        Assert.All(next, n => Assert.Equal(PacketsPerThread, n));
    }
}
