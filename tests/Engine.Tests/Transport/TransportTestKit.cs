using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using SocketIo.Engine.Buffers;
using SocketIo.Engine.Transport;

namespace SocketIo.Engine.Tests.Transport;

/// <summary>Handler built from a delegate, with an optional deadline hook.</summary>
internal sealed class DelegateHandler(
    Func<TransportConnection, CancellationToken, Task> onConnected,
    Action<TransportConnection>? onDeadline = null) : IConnectionHandler
{
    public async ValueTask<IConnectionHandler?> OnConnectedAsync(TransportConnection connection)
    {
        await onConnected(connection, connection.ConnectionClosed).ConfigureAwait(false);
        return null;
    }

    public void OnDeadlineExpired(TransportConnection connection)
    {
        if (onDeadline is null)
        {
            connection.Abort(ConnectionCloseReason.DeadlineExpired);
        }
        else
        {
            onDeadline(connection);
        }
    }
}

/// <summary>A started listener with its own frame pool; disposing it asserts that no pooled buffer leaked.</summary>
internal sealed class TransportServer : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public TransportServer(IConnectionHandler handler, Func<TransportOptions, TransportOptions>? configure = null, params IPEndPoint[] endpoints)
    {
        var options = new TransportOptions
        {
            Endpoints = endpoints.Length == 0 ? [new IPEndPoint(IPAddress.Loopback, 0)] : endpoints,
            FramePool = FramePool,
            HeartbeatInterval = TimeSpan.FromMilliseconds(20),
        };
        Listener = new TransportListener(configure is null ? options : configure(options), handler);
        Listener.Start();
    }

    public SharedFramePool FramePool { get; } = new();

    public TransportListener Listener { get; }

    public IPEndPoint Endpoint => Listener.BoundEndpoints[0];

    public async ValueTask DisposeAsync()
    {
        await Listener.DisposeAsync();
        Assert.Equal(0, Listener.MemoryPool.Outstanding);
        Assert.Equal(0, FramePool.Outstanding);
        Assert.Equal(0, Listener.ConnectionCount);
    }
}

internal static class TestSockets
{
    public static async Task<Socket> ConnectAsync(IPEndPoint endpoint, int receiveBufferSize = 0)
    {
        var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        if (receiveBufferSize > 0)
        {
            socket.ReceiveBufferSize = receiveBufferSize;
        }

        await socket.ConnectAsync(endpoint).WaitAsync(TransportServer.Timeout);
        return socket;
    }

    public static async Task<byte[]> ReceiveExactlyAsync(Socket socket, int count)
    {
        var buffer = new byte[count];
        var received = 0;
        while (received < count)
        {
            var n = await socket.ReceiveAsync(buffer.AsMemory(received)).AsTask().WaitAsync(TransportServer.Timeout);
            if (n == 0)
            {
                throw new EndOfStreamException($"EOF after {received} of {count} bytes");
            }

            received += n;
        }

        return buffer;
    }

    /// <summary>Reads until the server closes; true for FIN, false for a reset.</summary>
    public static async Task<bool> ReadToCloseAsync(Socket socket)
    {
        var buffer = new byte[4096];
        try
        {
            for (var i = 0; i < 100_000; i++)
            {
                if (await socket.ReceiveAsync(buffer.AsMemory()).AsTask().WaitAsync(TransportServer.Timeout) == 0)
                {
                    return true;
                }
            }

            throw new InvalidOperationException("The server kept sending.");
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.ConnectionReset)
        {
            return false;
        }
    }

    /// <summary>Reads the input until the peer's FIN (or the connection closes).</summary>
    public static async Task DrainInputAsync(PipeReader input)
    {
        while (true)
        {
            var result = await input.ReadAsync();
            input.AdvanceTo(result.Buffer.End);
            if (result.IsCompleted || result.IsCanceled)
            {
                return;
            }
        }
    }

    /// <summary>Echoes every received byte back until the input ends.</summary>
    public static async Task EchoAsync(TransportConnection connection)
    {
        var input = connection.Input;
        while (true)
        {
            var result = await input.ReadAsync();
            foreach (var segment in result.Buffer)
            {
                connection.Write(segment.Span);
            }

            input.AdvanceTo(result.Buffer.End);
            if (result.IsCompleted)
            {
                return;
            }
        }
    }

    public static async Task<byte[]> ReadBytesAsync(PipeReader input, int count)
    {
        while (true)
        {
            var result = await input.ReadAsync();
            if (result.Buffer.Length >= count)
            {
                var bytes = result.Buffer.Slice(0, count).ToArray();
                input.AdvanceTo(result.Buffer.GetPosition(count));
                return bytes;
            }

            if (result.IsCompleted)
            {
                throw new EndOfStreamException();
            }

            input.AdvanceTo(result.Buffer.Start, result.Buffer.End);
        }
    }

    /// <summary>Waits (bounded) for a condition that another thread makes true.</summary>
    public static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        for (var i = 0; i < 3000; i++)
        {
            if (condition())
            {
                return;
            }

            await Task.Delay(10);
        }

        Assert.Fail("Timed out waiting until " + what);
    }
}
