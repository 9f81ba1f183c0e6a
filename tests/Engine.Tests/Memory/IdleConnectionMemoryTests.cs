using System.Net;
using System.Net.Sockets;
using System.Text;
using SocketIo.Engine.Http;
using SocketIo.Engine.SocketIO.EngineIoBridge;
using SocketIo.Engine.Transport;
using SocketIo.Engine.Tests.Support;
using Xunit.Abstractions;

namespace SocketIo.Engine.Tests.Memory;

/// <summary>
/// Guards the idle-connection memory budget (DESIGN.md, issue 7): the managed heap one idle WebSocket connection
/// that joined <c>/</c> keeps alive on the server, with an app that registers nothing per socket (so this is the
/// engine's own cost; every handler an app adds per socket comes on top). The clients are bare sockets speaking just
/// enough WebSocket to finish the handshakes; their own cost (one <see cref="Socket"/> each, used synchronously) is
/// measured separately and subtracted.
/// </summary>
[Collection(MemoryCollection.Name)]
public sealed class IdleConnectionMemoryTests(ITestOutputHelper output)
{
    private const int Batches = 3;
    private const int ConnectionsPerBatch = 700;
    private const int WarmUpConnections = 200;

    /// <summary>
    /// The bound reached (2.7-3.1 KB over 2,000 connections since the epoll receiver and the pipe-less transport
    /// input; see bench/results/idle-memory.md), plus a margin for runtime noise. A one-time ~270 KB of heap sometimes
    /// appears after the warm-up, whatever its length (a heap walk shows the same per-connection set each time).
    /// </summary>
    private const int MaxBytesPerConnection = 4_000;

    [Fact]
    public async Task An_idle_socket_io_websocket_connection_stays_within_its_managed_heap_budget()
    {
        var clientSocketCost = MeasureClientSocketCost();
        await using var sio = new SocketIoEndpoint();
        sio.Server.Of("/").OnConnection(static _ => { });
        var transport = new TransportOptions { Endpoints = [new IPEndPoint(IPAddress.Loopback, 0)] };
        await using var http = new HttpServer(transport, sio.CreateHttpOptions(), sio);
        http.Start();
        var endpoint = new IPEndPoint(IPAddress.Loopback, http.BoundEndpoints[0].Port);

        // Warm up so lazily created shared state (the namespace, JIT'd statics, pools) is not charged per connection.
        var warm = new List<Socket>();
        for (var i = 0; i < WarmUpConnections; i++)
        {
            warm.Add(ConnectAndJoin(endpoint));
        }

        // Three batches, and the median of their figures: a one-time change of the heap during the run moves one
        // batch, not the median. Growth is the ~270 KB above; a drop happened once (a single 2,000-connection
        // measurement read 503 B in a CI run; not reproduced, and the cause, maybe pooled arrays that earlier
        // tests left being trimmed, not established).
        var clients = new List<Socket>(Batches * ConnectionsPerBatch);
        var figures = new double[Batches];
        for (var batch = 0; batch < Batches; batch++)
        {
            var before = FullyCollectedHeap();
            for (var i = 0; i < ConnectionsPerBatch; i++)
            {
                clients.Add(ConnectAndJoin(endpoint));
            }

            var after = FullyCollectedHeap();
            figures[batch] = ((after - before) / (double)ConnectionsPerBatch) - clientSocketCost;
        }

        var perConnection = figures.Order().ElementAt(Batches / 2);
        output.WriteLine($"client socket ~{clientSocketCost:F0} B; server managed heap per idle connection, batches of {ConnectionsPerBatch}: " +
            $"{string.Join(" / ", figures.Select(f => f.ToString("F0", System.Globalization.CultureInfo.InvariantCulture)))} B, median {perConnection:F0} B");
        GC.KeepAlive(clients);
        GC.KeepAlive(warm);

        // A lower bound too, so a measurement that stopped seeing the connections cannot pass silently.
        Assert.True(perConnection > 1_000, $"implausible: {perConnection:F0} B per idle connection");
        Assert.True(perConnection < MaxBytesPerConnection, $"{perConnection:F0} B per idle connection, budget {MaxBytesPerConnection} B");
        foreach (var socket in clients.Concat(warm))
        {
            socket.Dispose();
        }
    }

    private static long FullyCollectedHeap()
    {
        for (var i = 0; i < 3; i++)
        {
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }

        return GC.GetTotalMemory(forceFullCollection: true);
    }

    /// <summary>
    /// Heap kept by one connected client socket (the listener never accepts, so no server-side object exists), to
    /// subtract the clients' share. The clients use only synchronous calls, which cache no event args.
    /// </summary>
    private static double MeasureClientSocketCost()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(512);
        const int count = 200;
        var sockets = new List<Socket>(count);
        var before = FullyCollectedHeap();
        for (var i = 0; i < count; i++)
        {
            sockets.Add(Connect((IPEndPoint)listener.LocalEndPoint!));
        }

        var after = FullyCollectedHeap();
        GC.KeepAlive(sockets);
        foreach (var socket in sockets)
        {
            socket.Dispose();
        }

        return (after - before) / (double)count;
    }

    private static Socket Connect(IPEndPoint endpoint)
    {
        var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp)
        {
            NoDelay = true,
            ReceiveTimeout = (int)TestHttpServer.Timeout.TotalMilliseconds,
            SendTimeout = (int)TestHttpServer.Timeout.TotalMilliseconds,
        };
        socket.Connect(endpoint);
        return socket;
    }

    /// <summary>Upgrades to WebSocket, joins <c>/</c> and waits for the CONNECT reply.</summary>
    private static Socket ConnectAndJoin(IPEndPoint endpoint)
    {
        var socket = Connect(endpoint);
        var request = "GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n" +
            "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";
        socket.Send(Encoding.ASCII.GetBytes(request));
        ReadUntil(socket, "\"maxPayload\"");

        // A masked text frame "40" (mask 0: the payload is sent as is).
        socket.Send([0x81, 0x82, 0, 0, 0, 0, (byte)'4', (byte)'0']);
        ReadUntil(socket, "40{\"sid\"");
        return socket;
    }

    private static void ReadUntil(Socket socket, string marker)
    {
        var buffer = new byte[4096];
        var text = new StringBuilder();
        for (var reads = 0; reads < 100; reads++)
        {
            var n = socket.Receive(buffer);
            Assert.NotEqual(0, n);
            text.Append(Encoding.Latin1.GetString(buffer, 0, n));
            if (text.ToString().Contains(marker, StringComparison.Ordinal))
            {
                return;
            }
        }

        Assert.Fail($"no {marker} in: {text}");
    }
}
