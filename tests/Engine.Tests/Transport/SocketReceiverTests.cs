using System.Net;
using System.Net.Sockets;
using SocketIo.Engine.Transport;

namespace SocketIo.Engine.Tests.Transport;

/// <summary>
/// The receive primitive under every connection (epoll readiness on Linux, socket event args elsewhere), driven
/// over a real loopback socket pair.
/// </summary>
public sealed class SocketReceiverTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_wait_completes_when_data_arrives_and_the_receive_then_takes_it()
    {
        var (client, server) = await ConnectPairAsync();
        using var receiver = ISocketReceiver.Create();
        var wait = receiver.ReceiveAsync(server, Memory<byte>.Empty);
        Assert.False(wait.IsCompleted);

        client.Send("hello"u8);
        var ready = await wait.AsTask().WaitAsync(Timeout);
        Assert.Equal(new SocketResult(0, SocketError.Success), ready);

        var buffer = new byte[16];
        var result = await receiver.ReceiveAsync(server, buffer).AsTask().WaitAsync(Timeout);
        Assert.Equal(SocketError.Success, result.Error);
        Assert.Equal("hello", System.Text.Encoding.ASCII.GetString(buffer, 0, result.BytesTransferred));
        Dispose(client, server);
    }

    [Fact]
    public async Task A_receive_with_nothing_there_waits_and_fills_the_buffer_when_data_comes()
    {
        var (client, server) = await ConnectPairAsync();
        using var receiver = ISocketReceiver.Create();
        var buffer = new byte[4];
        var pending = receiver.ReceiveAsync(server, buffer);
        Assert.False(pending.IsCompleted);

        client.Send("abcdef"u8);
        var first = await pending.AsTask().WaitAsync(Timeout);
        Assert.Equal(new SocketResult(4, SocketError.Success), first);
        Assert.Equal("abcd"u8.ToArray(), buffer);

        // The rest is already there: answered at once, without waiting.
        var second = receiver.ReceiveAsync(server, buffer);
        Assert.True(second.IsCompleted);
        Assert.Equal(new SocketResult(2, SocketError.Success), await second);
        Dispose(client, server);
    }

    [Fact]
    public async Task Bytes_left_after_a_read_that_filled_its_buffer_end_a_wait_at_once_and_a_drained_socket_waits()
    {
        // Edge-triggered readiness on Linux: no new event comes for bytes already there, so the receiver must
        // know they are there.
        var (client, server) = await ConnectPairAsync();
        using var receiver = ISocketReceiver.Create();
        client.Send("12345678"u8);
        Assert.True((await receiver.ReceiveAsync(server, Memory<byte>.Empty).AsTask().WaitAsync(Timeout)).Succeeded);
        var buffer = new byte[4];
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(4, (await receiver.ReceiveAsync(server, buffer).AsTask().WaitAsync(Timeout)).BytesTransferred);
            var wait = receiver.ReceiveAsync(server, Memory<byte>.Empty);
            if (i == 0)
            {
                Assert.True(wait.IsCompleted, "four bytes are still there");
            }
            else
            {
                Assert.False(wait.IsCompleted, "the socket is drained");
                client.Send("9"u8);
            }

            Assert.True((await wait.AsTask().WaitAsync(Timeout)).Succeeded);
        }

        Assert.Equal(new SocketResult(1, SocketError.Success), await receiver.ReceiveAsync(server, buffer).AsTask().WaitAsync(Timeout));
        Dispose(client, server);
    }

    [Fact]
    public async Task Fin_completes_a_wait_and_then_receives_zero_bytes()
    {
        var (client, server) = await ConnectPairAsync();
        using var receiver = ISocketReceiver.Create();
        var wait = receiver.ReceiveAsync(server, Memory<byte>.Empty);
        client.Shutdown(SocketShutdown.Send);
        Assert.True((await wait.AsTask().WaitAsync(Timeout)).Succeeded);
        Assert.Equal(new SocketResult(0, SocketError.Success), await receiver.ReceiveAsync(server, new byte[8]).AsTask().WaitAsync(Timeout));
        Dispose(client, server);
    }

    [Fact]
    public async Task Closing_the_socket_and_aborting_completes_a_pending_receive_and_fails_later_ones()
    {
        var (client, server) = await ConnectPairAsync();
        using var receiver = ISocketReceiver.Create();
        var pending = receiver.ReceiveAsync(server, new byte[8]);
        Assert.False(pending.IsCompleted);

        server.Dispose();
        receiver.Abort();
        Assert.Equal(SocketError.OperationAborted, (await pending.AsTask().WaitAsync(Timeout)).Error);
        var later = await AbortedOrDisposedAsync(() => receiver.ReceiveAsync(server, new byte[8]));
        Assert.True(later, "a receive after the abort neither failed nor threw ObjectDisposedException");
        client.Dispose();
    }

    [Fact]
    public async Task A_reset_by_the_peer_is_reported_as_an_error_not_thrown()
    {
        var (client, server) = await ConnectPairAsync();
        using var receiver = ISocketReceiver.Create();
        var pending = receiver.ReceiveAsync(server, new byte[8]);
        client.LingerState = new LingerOption(true, 0);
        client.Dispose();
        var result = await pending.AsTask().WaitAsync(Timeout);
        Assert.Equal(SocketError.ConnectionReset, result.Error);
        server.Dispose();
    }

    [Fact]
    public async Task Receivers_created_after_others_were_released_only_see_their_own_sockets()
    {
        // Slots are reused: a released receiver's socket must never wake the receiver that took its slot.
        var pairs = new List<(Socket Client, Socket Server)>();
        for (var round = 0; round < 20; round++)
        {
            var (client, server) = await ConnectPairAsync();
            var released = ISocketReceiver.Create();
            _ = released.ReceiveAsync(server, Memory<byte>.Empty);
            released.Dispose();
            client.Send("x"u8);

            var (quietClient, quietServer) = await ConnectPairAsync();
            using var fresh = ISocketReceiver.Create();
            var wait = fresh.ReceiveAsync(quietServer, Memory<byte>.Empty);
            await Task.Delay(5);
            Assert.False(wait.IsCompleted, $"round {round}: woken by another socket");
            quietClient.Send("y"u8);
            Assert.True((await wait.AsTask().WaitAsync(Timeout)).Succeeded);
            pairs.Add((client, server));
            pairs.Add((quietClient, quietServer));
        }

        foreach (var (client, server) in pairs)
        {
            Dispose(client, server);
        }
    }

    [Fact]
    public async Task Disposing_a_receiver_twice_frees_its_slot_once()
    {
        // Were the slot freed twice, the next two receivers would share it and one would steal the other's events.
        var twice = ISocketReceiver.Create();
        twice.Dispose();
        twice.Dispose();
        var (clientA, serverA) = await ConnectPairAsync();
        var (clientB, serverB) = await ConnectPairAsync();
        using var a = ISocketReceiver.Create();
        using var b = ISocketReceiver.Create();
        var waitA = a.ReceiveAsync(serverA, Memory<byte>.Empty);
        var waitB = b.ReceiveAsync(serverB, Memory<byte>.Empty);
        clientB.Send("b"u8);
        Assert.True((await waitB.AsTask().WaitAsync(Timeout)).Succeeded);
        clientA.Send("a"u8);
        Assert.True((await waitA.AsTask().WaitAsync(Timeout)).Succeeded);
        Dispose(clientA, serverA);
        Dispose(clientB, serverB);
    }

    [Fact]
    public async Task Many_sockets_wait_at_once_and_each_wakes_exactly_for_its_own_data()
    {
        const int count = 300;
        var pairs = new (Socket Client, Socket Server, ISocketReceiver Receiver, ValueTask<SocketResult> Wait)[count];
        for (var i = 0; i < count; i++)
        {
            var (client, server) = await ConnectPairAsync();
            var receiver = ISocketReceiver.Create();
            pairs[i] = (client, server, receiver, receiver.ReceiveAsync(server, new byte[4]));
        }

        for (var i = count - 1; i >= 0; i--)
        {
            pairs[i].Client.Send(BitConverter.GetBytes(i));
        }

        for (var i = 0; i < count; i++)
        {
            var result = await pairs[i].Wait.AsTask().WaitAsync(Timeout);
            Assert.Equal(new SocketResult(4, SocketError.Success), result);
            pairs[i].Receiver.Dispose();
            Dispose(pairs[i].Client, pairs[i].Server);
        }
    }

    private static async Task<bool> AbortedOrDisposedAsync(Func<ValueTask<SocketResult>> receive)
    {
        try
        {
            return (await receive()).Error == SocketError.OperationAborted;
        }
        catch (ObjectDisposedException)
        {
            return true;
        }
    }

    private static async Task<(Socket Client, Socket Server)> ConnectPairAsync()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(1);
        var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        var accept = listener.AcceptAsync();
        await client.ConnectAsync((IPEndPoint)listener.LocalEndPoint!);
        return (client, await accept);
    }

    private static void Dispose(Socket client, Socket server)
    {
        client.Dispose();
        server.Dispose();
    }
}
