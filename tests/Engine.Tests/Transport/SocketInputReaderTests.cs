using System.Buffers;
using System.IO.Pipelines;
using System.Net.Sockets;
using SocketIo.Engine.Buffers;
using SocketIo.Engine.Transport;

namespace SocketIo.Engine.Tests.Transport;

/// <summary>
/// The connection's input (<see cref="SocketInputReader"/>) over a real loopback socket. The handler only parks the
/// connection; the test itself is the input's single reader.
/// </summary>
public sealed class SocketInputReaderTests
{
    [Fact]
    public async Task Data_split_across_many_receives_accumulates_in_order()
    {
        await using var peer = await Peer.ConnectAsync();
        var input = peer.Connection.Input;
        var expected = new byte[40 * 25];
        new Random(1).NextBytes(expected);

        var reads = 0;
        for (var i = 0; i < 40; i++)
        {
            // One chunk at a time, each read once the server took it: 40 receives into the same buffer.
            await peer.Client.SendAsync(expected.AsMemory(i * 25, 25));
            var result = await input.ReadAsync().AsTask().WaitAsync(TransportServer.Timeout);
            reads++;
            while (result.Buffer.Length < (i + 1) * 25)
            {
                input.AdvanceTo(result.Buffer.Start, result.Buffer.End);
                result = await input.ReadAsync().AsTask().WaitAsync(TransportServer.Timeout);
                reads++;
            }

            Assert.Equal(expected.AsSpan(0, (i + 1) * 25).ToArray(), result.Buffer.ToArray());
            input.AdvanceTo(result.Buffer.Start, result.Buffer.End);
        }

        Assert.True(reads >= 40);
        Assert.Equal(expected.Length, peer.Connection.BytesReceived);
        Assert.Equal(1, peer.Pool.Outstanding);
    }

    [Fact]
    public async Task A_message_bigger_than_one_block_grows_the_buffer_and_is_read_whole()
    {
        await using var peer = await Peer.ConnectAsync();
        var input = peer.Connection.Input;
        var payload = new byte[100_000];
        new Random(2).NextBytes(payload);
        await peer.Client.SendAsync(payload);

        // Examines everything without consuming until the whole message is there, as a parser of whole messages does.
        var result = await input.ReadAsync().AsTask().WaitAsync(TransportServer.Timeout);
        while (result.Buffer.Length < payload.Length)
        {
            input.AdvanceTo(result.Buffer.Start, result.Buffer.End);
            result = await input.ReadAsync().AsTask().WaitAsync(TransportServer.Timeout);
        }

        Assert.True(result.Buffer.IsSingleSegment);
        Assert.Equal(payload, result.Buffer.ToArray());
        input.AdvanceTo(result.Buffer.End);

        // The grown buffer came from the shared array pool and went back; no block is held either.
        Assert.Equal(0, peer.Pool.Outstanding);
        Assert.Equal(0, peer.Reader.BufferedBytes);
    }

    [Fact]
    public async Task Examined_bytes_wait_for_more_while_unexamined_bytes_return_at_once()
    {
        await using var peer = await Peer.ConnectAsync();
        var input = peer.Connection.Input;
        await peer.Client.SendAsync("abc"u8.ToArray());
        var result = await ReadAtLeastAsync(input, 3);
        Assert.Equal("abc"u8.ToArray(), result.Buffer.ToArray());

        // Everything examined, nothing consumed: the next read waits for new bytes and returns all of them.
        input.AdvanceTo(result.Buffer.Start, result.Buffer.End);
        var next = input.ReadAsync();
        await peer.Client.SendAsync("def"u8.ToArray());
        result = await ReadAtLeastAsync(input, 6, next);
        Assert.Equal("abcdef"u8.ToArray(), result.Buffer.ToArray());

        // Consumed one byte, examined two: the rest was not examined, so the read returns at once without a receive.
        input.AdvanceTo(result.Buffer.GetPosition(1), result.Buffer.GetPosition(2));
        var again = await Immediate(input.ReadAsync());
        Assert.Equal("bcdef"u8.ToArray(), again.Buffer.ToArray());

        // TryRead sees unconsumed bytes even when they were examined (as the pipe's does).
        input.AdvanceTo(again.Buffer.Start, again.Buffer.End);
        Assert.True(input.TryRead(out var tried));
        Assert.Equal(5, tried.Buffer.Length);
        input.AdvanceTo(tried.Buffer.End);
        Assert.False(input.TryRead(out _));
        Assert.Equal(6, peer.Connection.BytesReceived);
    }

    [Fact]
    public async Task Fin_completes_the_input_with_the_bytes_left_over()
    {
        await using var peer = await Peer.ConnectAsync();
        var input = peer.Connection.Input;
        await peer.Client.SendAsync("hello"u8.ToArray());
        peer.Client.Shutdown(SocketShutdown.Send);

        var result = await input.ReadAsync().AsTask().WaitAsync(TransportServer.Timeout);
        while (!result.IsCompleted)
        {
            input.AdvanceTo(result.Buffer.Start, result.Buffer.End);
            result = await input.ReadAsync().AsTask().WaitAsync(TransportServer.Timeout);
        }

        Assert.Equal("hello"u8.ToArray(), result.Buffer.ToArray());

        // Later reads return at once, still completed, until the leftovers are consumed.
        input.AdvanceTo(result.Buffer.GetPosition(2), result.Buffer.End);
        var again = await Immediate(input.ReadAsync());
        Assert.True(again.IsCompleted);
        Assert.Equal("llo"u8.ToArray(), again.Buffer.ToArray());
        input.AdvanceTo(again.Buffer.End);
        Assert.Equal(0, peer.Pool.Outstanding);

        var last = await Immediate(input.ReadAsync());
        Assert.True(last.IsCompleted);
        Assert.True(last.Buffer.IsEmpty);
        Assert.Equal(ConnectionCloseReason.None, peer.Connection.CloseReason);
    }

    [Fact]
    public async Task Abort_completes_a_pending_read_and_no_later_read_blocks()
    {
        await using var peer = await Peer.ConnectAsync();
        var input = peer.Connection.Input;
        var pending = input.ReadAsync();
        Assert.False(pending.IsCompleted);

        peer.Connection.Abort();
        var result = await pending.AsTask().WaitAsync(TransportServer.Timeout);
        Assert.True(result.IsCompleted);
        Assert.False(result.IsCanceled);
        input.AdvanceTo(result.Buffer.End);

        var later = await Immediate(input.ReadAsync());
        Assert.True(later.IsCompleted);
        await peer.Reader.WhenReceiveStoppedAsync().WaitAsync(TransportServer.Timeout);
        Assert.Equal(0, peer.Pool.Outstanding);
    }

    [Fact]
    public async Task Abort_with_unconsumed_bytes_delivers_them_completed()
    {
        await using var peer = await Peer.ConnectAsync();
        var input = peer.Connection.Input;
        await peer.Client.SendAsync("partial"u8.ToArray());
        var result = await ReadAtLeastAsync(input, 7);
        input.AdvanceTo(result.Buffer.Start, result.Buffer.End);
        var pending = input.ReadAsync();

        peer.Connection.Abort();
        result = await pending.AsTask().WaitAsync(TransportServer.Timeout);
        Assert.True(result.IsCompleted);
        Assert.Equal("partial"u8.ToArray(), result.Buffer.ToArray());
        input.AdvanceTo(result.Buffer.End);
        await peer.Reader.WhenReceiveStoppedAsync().WaitAsync(TransportServer.Timeout);
        Assert.Equal(0, peer.Pool.Outstanding);
    }

    [Fact]
    public async Task CancelPendingRead_completes_a_pending_read_or_the_next_one_as_cancelled()
    {
        await using var peer = await Peer.ConnectAsync();
        var input = peer.Connection.Input;

        // A pending read (its zero-byte receive in flight) comes back cancelled, not completed.
        var pending = input.ReadAsync();
        Assert.False(pending.IsCompleted);
        input.CancelPendingRead();
        var result = await pending.AsTask().WaitAsync(TransportServer.Timeout);
        Assert.True(result.IsCanceled);
        Assert.False(result.IsCompleted);
        input.AdvanceTo(result.Buffer.End);

        // The next read joins the receive still in flight and gets the data.
        var next = input.ReadAsync();
        await peer.Client.SendAsync("x"u8.ToArray());
        result = await ReadAtLeastAsync(input, 1, next);
        Assert.False(result.IsCanceled);
        Assert.Equal("x"u8.ToArray(), result.Buffer.ToArray());

        // Cancelled with no read pending: the next read returns cancelled at once, the one after reads normally.
        input.AdvanceTo(result.Buffer.Start, result.Buffer.End);
        input.CancelPendingRead();
        var cancelled = await Immediate(input.ReadAsync());
        Assert.True(cancelled.IsCanceled);
        Assert.Equal("x"u8.ToArray(), cancelled.Buffer.ToArray());
        input.AdvanceTo(cancelled.Buffer.Start, cancelled.Buffer.End);
        var waiting = input.ReadAsync();
        Assert.False(waiting.IsCompleted);
        await peer.Client.SendAsync("y"u8.ToArray());
        result = await ReadAtLeastAsync(input, 2, waiting);
        Assert.Equal("xy"u8.ToArray(), result.Buffer.ToArray());
        input.AdvanceTo(result.Buffer.End);
    }

    [Fact]
    public async Task A_cancelled_token_fails_the_pending_read_and_the_input_stays_usable()
    {
        await using var peer = await Peer.ConnectAsync();
        var input = peer.Connection.Input;
        using var cts = new CancellationTokenSource();
        var pending = input.ReadAsync(cts.Token);
        Assert.False(pending.IsCompleted);
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pending.AsTask().WaitAsync(TransportServer.Timeout));

        await peer.Client.SendAsync("z"u8.ToArray());
        var result = await ReadAtLeastAsync(input, 1);
        Assert.Equal("z"u8.ToArray(), result.Buffer.ToArray());
        input.AdvanceTo(result.Buffer.End);
    }

    [Fact]
    public async Task At_the_pause_threshold_nothing_more_is_received_until_the_reader_consumes()
    {
        const int threshold = PinnedBlockMemoryPool.BlockSize;
        await using var peer = await Peer.ConnectAsync(o => o with { InputPauseThreshold = threshold });
        var input = peer.Connection.Input;
        await peer.Client.SendAsync(new byte[20_000]);

        // The reader examines without consuming: the input fills up to the threshold, then the read waits.
        var result = await input.ReadAsync().AsTask().WaitAsync(TransportServer.Timeout);
        while (result.Buffer.Length < threshold)
        {
            input.AdvanceTo(result.Buffer.Start, result.Buffer.End);
            result = await input.ReadAsync().AsTask().WaitAsync(TransportServer.Timeout);
        }

        Assert.Equal(threshold, result.Buffer.Length);
        input.AdvanceTo(result.Buffer.Start, result.Buffer.End);
        var paused = input.ReadAsync();

        // Waiting can only hide a failure here, never invent one: the input must not have taken more meanwhile.
        await Task.Delay(100);
        Assert.False(paused.IsCompleted);
        Assert.Equal(threshold, peer.Connection.BytesReceived);
        Assert.Equal(threshold, peer.Reader.BufferedBytes);

        // Once the reader consumes 1000 bytes, the input receives exactly that much more.
        input.CancelPendingRead();
        result = await paused.AsTask().WaitAsync(TransportServer.Timeout);
        Assert.True(result.IsCanceled);
        input.AdvanceTo(result.Buffer.GetPosition(1000), result.Buffer.End);
        result = await ReadAtLeastAsync(input, threshold);
        Assert.Equal(threshold, result.Buffer.Length);
        Assert.Equal(threshold + 1000, peer.Connection.BytesReceived);
        input.AdvanceTo(result.Buffer.End);
    }

    [Fact]
    public async Task An_idle_connection_holds_no_block_and_a_connection_with_unconsumed_bytes_holds_one()
    {
        await using var peer = await Peer.ConnectAsync();
        var input = peer.Connection.Input;
        Assert.Equal(0, peer.Pool.Outstanding);

        for (var i = 0; i < 3; i++)
        {
            // Idle between messages: the read waits with a zero-byte receive and no buffer.
            var pending = input.ReadAsync();
            Assert.False(pending.IsCompleted);
            Assert.Equal(0, peer.Pool.Outstanding);

            await peer.Client.SendAsync("ab"u8.ToArray());
            var result = await ReadAtLeastAsync(input, 2, pending);
            Assert.Equal(1, peer.Pool.Outstanding);

            // Half consumed: the block stays; all consumed: it goes back.
            input.AdvanceTo(result.Buffer.GetPosition(1));
            Assert.Equal(1, peer.Pool.Outstanding);
            var rest = await Immediate(input.ReadAsync());
            input.AdvanceTo(rest.Buffer.End);
            Assert.Equal(0, peer.Pool.Outstanding);
        }
    }

    [Fact]
    public async Task Reading_after_complete_throws_and_complete_returns_the_buffer()
    {
        await using var peer = await Peer.ConnectAsync();
        var input = peer.Connection.Input;
        await peer.Client.SendAsync("left"u8.ToArray());
        var result = await ReadAtLeastAsync(input, 4);
        input.AdvanceTo(result.Buffer.Start);
        Assert.Equal(1, peer.Pool.Outstanding);

        input.Complete();
        Assert.Equal(0, peer.Pool.Outstanding);
        await Assert.ThrowsAsync<InvalidOperationException>(async () => await input.ReadAsync());
    }

    /// <summary>A read that must have completed without waiting.</summary>
    private static ValueTask<ReadResult> Immediate(ValueTask<ReadResult> read)
    {
        Assert.True(read.IsCompletedSuccessfully, "the read waited");
        return read;
    }

    /// <summary>Reads until at least <paramref name="count"/> bytes are buffered (examining, not consuming, meanwhile).</summary>
    private static async Task<ReadResult> ReadAtLeastAsync(PipeReader input, int count, ValueTask<ReadResult>? first = null)
    {
        var result = await (first ?? input.ReadAsync()).AsTask().WaitAsync(TransportServer.Timeout);
        for (var i = 0; i < 1000 && result.Buffer.Length < count && !result.IsCompleted; i++)
        {
            input.AdvanceTo(result.Buffer.Start, result.Buffer.End);
            result = await input.ReadAsync().AsTask().WaitAsync(TransportServer.Timeout);
        }

        Assert.True(result.Buffer.Length >= count, $"{result.Buffer.Length} of {count} bytes");
        return result;
    }

    /// <summary>A server with one connection whose handler just waits, and the client socket.</summary>
    private sealed class Peer : IAsyncDisposable
    {
        private readonly TaskCompletionSource _release;

        private Peer(TransportServer server, Socket client, TransportConnection connection, TaskCompletionSource release)
        {
            _release = release;
            Server = server;
            Client = client;
            Connection = connection;
        }

        public TransportServer Server { get; }

        public Socket Client { get; }

        public TransportConnection Connection { get; }

        public SocketInputReader Reader => (SocketInputReader)Connection.Input;

        public PinnedBlockMemoryPool Pool => Server.Listener.MemoryPool;

        public static async Task<Peer> ConnectAsync(Func<TransportOptions, TransportOptions>? configure = null)
        {
            var accepted = new TaskCompletionSource<TransportConnection>(TaskCreationOptions.RunContinuationsAsynchronously);
            var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

            // Returns only when the test is over (not on close): its return completes the input the test reads.
            var handler = new DelegateHandler(async (c, _) =>
            {
                accepted.SetResult(c);
                await release.Task;
            });
            var server = new TransportServer(handler, configure);
            var client = await TestSockets.ConnectAsync(server.Endpoint);
            return new Peer(server, client, await accepted.Task.WaitAsync(TransportServer.Timeout), release);
        }

        public async ValueTask DisposeAsync()
        {
            _release.SetResult();
            Client.Dispose();
            await Server.DisposeAsync();
        }
    }
}
