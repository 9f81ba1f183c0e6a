using System.Collections.Concurrent;
using System.Net.Sockets;
using SocketIo.Engine.Buffers;
using SocketIo.Engine.Transport;

namespace SocketIo.Engine.Tests.Transport;

public sealed class LifetimeTests
{
    [Fact]
    public async Task Connections_over_the_limit_are_closed_and_counted()
    {
        var started = 0;
        var handler = new DelegateHandler(async (c, _) =>
        {
            Interlocked.Increment(ref started);
            await TestSockets.DrainInputAsync(c.Input);
        });
        await using var server = new TransportServer(handler, o => o with { MaxConcurrentConnections = 2 });

        using var first = await TestSockets.ConnectAsync(server.Endpoint);
        using var second = await TestSockets.ConnectAsync(server.Endpoint);
        await TestSockets.WaitUntilAsync(() => Volatile.Read(ref started) == 2, "two handlers started");

        using (var third = await TestSockets.ConnectAsync(server.Endpoint))
        {
            await TestSockets.ReadToCloseAsync(third);
        }

        Assert.Equal(1, server.Listener.Metrics.ConnectionsRejected);
        Assert.Equal(2, Volatile.Read(ref started));

        first.Shutdown(SocketShutdown.Send);
        await TestSockets.ReadToCloseAsync(first);
        await TestSockets.WaitUntilAsync(() => server.Listener.Metrics.ActiveConnections == 1, "the first connection finished");

        using var fourth = await TestSockets.ConnectAsync(server.Endpoint);
        await TestSockets.WaitUntilAsync(() => Volatile.Read(ref started) == 3, "a freed slot is used again");
        Assert.Equal(1, server.Listener.Metrics.ConnectionsRejected);
    }

    [Fact]
    public async Task An_expired_deadline_aborts_the_connection_on_the_heartbeat()
    {
        var closed = new TaskCompletionSource<ConnectionCloseReason>(TaskCreationOptions.RunContinuationsAsynchronously);
        var handler = new DelegateHandler(async (c, ct) =>
        {
            c.SetDeadline(TimeSpan.FromMilliseconds(1));
            await TestSockets.DrainInputAsync(c.Input);
            closed.SetResult(c.CloseReason);
        });
        await using var server = new TransportServer(handler);

        using var client = await TestSockets.ConnectAsync(server.Endpoint);
        await TestSockets.ReadToCloseAsync(client);
        Assert.Equal(ConnectionCloseReason.DeadlineExpired, await closed.Task.WaitAsync(TransportServer.Timeout));
    }

    [Fact]
    public async Task A_cleared_deadline_is_not_enforced_and_a_handler_may_answer_instead_of_aborting()
    {
        var expired = new ConcurrentQueue<long>();
        var handler = new DelegateHandler(
            async (c, _) =>
            {
                c.SetDeadline(TimeSpan.Zero);
                c.ClearDeadline();
                await TestSockets.EchoAsync(c);
            },
            c =>
            {
                // An upper layer's request timeout: answer, then close gracefully instead of resetting.
                expired.Enqueue(c.Id);
                c.Write("timeout"u8);
                _ = c.CloseOutputAsync();
            });
        await using var server = new TransportServer(handler, o => o with { HeartbeatInterval = TimeSpan.FromHours(1) });

        using var client = await TestSockets.ConnectAsync(server.Endpoint);
        await client.SendAsync("a"u8.ToArray());
        Assert.Equal("a"u8.ToArray(), await TestSockets.ReceiveExactlyAsync(client, 1));

        server.Listener.OnHeartbeat(long.MaxValue - 1);
        Assert.Empty(expired);

        await client.SendAsync("b"u8.ToArray());
        Assert.Equal("b"u8.ToArray(), await TestSockets.ReceiveExactlyAsync(client, 1));
    }

    [Fact]
    public async Task Deadline_hook_can_reply_before_closing()
    {
        var handler = new DelegateHandler(
            async (c, _) =>
            {
                c.SetDeadline(TimeSpan.Zero);
                await TestSockets.DrainInputAsync(c.Input);
            },
            c =>
            {
                c.Write("timeout"u8);
                _ = c.CloseOutputAsync();
            });
        await using var server = new TransportServer(handler);

        using var client = await TestSockets.ConnectAsync(server.Endpoint);
        Assert.Equal("timeout"u8.ToArray(), await TestSockets.ReceiveExactlyAsync(client, 7));
        Assert.True(await TestSockets.ReadToCloseAsync(client));
    }

    [Fact]
    public async Task Graceful_stop_lets_an_in_flight_handler_finish_and_force_closes_a_stuck_one()
    {
        var ready = new ConcurrentQueue<char>();
        var stuckReason = new TaskCompletionSource<ConnectionCloseReason>(TaskCreationOptions.RunContinuationsAsynchronously);
        TransportConnection? polite = null;
        var handler = new DelegateHandler(async (c, connectionClosed) =>
        {
            var kind = (char)(await TestSockets.ReadBytesAsync(c.Input, 1))[0];
            if (kind == 'P')
            {
                polite = c;
                ready.Enqueue(kind);
                await WaitForCancellation(c.ShutdownRequested);
                c.Write("bye"u8);
                return;
            }

            ready.Enqueue(kind);

            // Stuck: ignores the shutdown request, only a forced close ends it.
            await WaitForCancellation(connectionClosed);
            stuckReason.SetResult(c.CloseReason);
        });
        var server = new TransportServer(handler);
        try
        {
            using var politeClient = await TestSockets.ConnectAsync(server.Endpoint);
            using var stuckClient = await TestSockets.ConnectAsync(server.Endpoint);
            await politeClient.SendAsync("P"u8.ToArray());
            await stuckClient.SendAsync("S"u8.ToArray());
            await TestSockets.WaitUntilAsync(() => ready.Count == 2, "both handlers are running");

            await server.Listener.StopAsync(TimeSpan.FromMilliseconds(500)).WaitAsync(TransportServer.Timeout);

            Assert.Equal("bye"u8.ToArray(), await TestSockets.ReceiveExactlyAsync(politeClient, 3));
            Assert.True(await TestSockets.ReadToCloseAsync(politeClient));
            await TestSockets.ReadToCloseAsync(stuckClient);
            Assert.Equal(ConnectionCloseReason.ServerShutdown, await stuckReason.Task.WaitAsync(TransportServer.Timeout));
            Assert.Equal(ConnectionCloseReason.Completed, polite!.CloseReason);
            Assert.Equal(0, server.Listener.ConnectionCount);

            // Not accepting any more: the connect is refused and no handler runs.
            using var late = new Socket(server.Endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                await late.ConnectAsync(server.Endpoint).WaitAsync(TransportServer.Timeout);
            }
            catch (SocketException)
            {
            }

            Assert.Equal(2, server.Listener.Metrics.ConnectionsAccepted);
        }
        finally
        {
            await server.DisposeAsync();
        }
    }

    [Fact]
    public async Task Dispose_aborts_open_connections_and_leaves_no_pooled_buffers()
    {
        var started = new TaskCompletionSource<TransportConnection>(TaskCreationOptions.RunContinuationsAsynchronously);
        var handler = new DelegateHandler(async (c, _) =>
        {
            // Holds unconsumed input and queued output when the server goes away.
            c.Write(new byte[10_000]);
            while (true)
            {
                var result = await c.Input.ReadAsync();
                if (result.Buffer.Length == 3000)
                {
                    break;
                }

                c.Input.AdvanceTo(result.Buffer.Start, result.Buffer.End);
            }

            started.SetResult(c);
            await WaitForCancellation(c.ConnectionClosed);
        });
        var server = new TransportServer(handler);
        using var client = await TestSockets.ConnectAsync(server.Endpoint);
        await client.SendAsync(new byte[3000]);
        var connection = await started.Task.WaitAsync(TransportServer.Timeout);
        Assert.Equal(3000, connection.BytesReceived);
        Assert.Equal(1, server.Listener.MemoryPool.Outstanding);

        await server.DisposeAsync();
        Assert.Equal(ConnectionCloseReason.ServerShutdown, connection.CloseReason);
        Assert.True(connection.ConnectionClosed.IsCancellationRequested || await CancelledSoon(connection.ConnectionClosed));
    }

    [Fact]
    public void Options_are_validated()
    {
        var valid = new TransportOptions();
        valid.Validate();
        Assert.True(valid.NoDelay);
        Assert.ThrowsAny<ArgumentException>(() => (valid with { Endpoints = [] }).Validate());
        Assert.ThrowsAny<ArgumentException>(() => (valid with { Backlog = 0 }).Validate());
        Assert.ThrowsAny<ArgumentException>(() => (valid with { MaxConcurrentConnections = 0 }).Validate());
        Assert.ThrowsAny<ArgumentException>(() => (valid with { InputPauseThreshold = PinnedBlockMemoryPool.BlockSize - 1 }).Validate());
        Assert.ThrowsAny<ArgumentException>(() => (valid with { OutputHardLimit = valid.OutputHighWaterMark - 1 }).Validate());
        Assert.ThrowsAny<ArgumentException>(() => (valid with { MaxSegmentsPerSend = 2000 }).Validate());
        Assert.ThrowsAny<ArgumentException>(() => (valid with { HeartbeatInterval = TimeSpan.Zero }).Validate());
        Assert.ThrowsAny<ArgumentException>(() => new TransportListener(valid with { Backlog = -1 }, new DelegateHandler((_, _) => Task.CompletedTask)));
    }

    private static async Task WaitForCancellation(CancellationToken token)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, token);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static async Task<bool> CancelledSoon(CancellationToken token)
    {
        await WaitForCancellation(token).WaitAsync(TransportServer.Timeout);
        return token.IsCancellationRequested;
    }
}
