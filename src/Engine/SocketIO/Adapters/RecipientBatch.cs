using System.Runtime.CompilerServices;
using SocketIo.Engine.SocketIO.Connections;
using SocketIo.Engine.SocketIO.EngineIoBridge;

namespace SocketIo.Engine.SocketIO.Adapters;

/// <summary>
/// Up to <see cref="Capacity"/> recipients of a broadcast, delivered together. Before any of them is sent to, the
/// objects every send walks through (socket, client, connection, session, WebSocket, transport) are loaded one level
/// at a time for the whole batch: the loads of one level are independent, so their cache misses overlap, where one
/// recipient after the other would wait for each miss in turn (and the locks of each send keep the processor from
/// running ahead to the next recipient). The sends then find their objects in cache.
/// </summary>
/// <remarks>A stack value of the broadcasting thread; allocates nothing.</remarks>
internal struct RecipientBatch
{
    /// <summary>Recipients per batch: enough to keep the processor's outstanding misses busy.</summary>
    public const int Capacity = 16;

    private Recipients _sockets;
    private Hops _hops;
    private int _count;

    /// <summary>Adds a recipient; true when the batch is now full and should be delivered.</summary>
    public bool Add(SocketIoSocket socket)
    {
        _sockets[_count++] = socket;
        return _count == Capacity;
    }

    /// <summary>Hands <paramref name="packet"/> to every recipient gathered so far and empties the batch. Returns how many took it.</summary>
    /// <remarks>
    /// Compiled optimized at once: unoptimized code for these loops costs more than the misses they save, and a
    /// server's first broadcasts would run it for a while.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int Deliver(EncodedPacket packet, bool isVolatile)
    {
        var count = _count;
        _count = 0;
        if (count == 0)
            return 0;
        Span<SocketIoSocket> sockets = _sockets;
        sockets = sockets[..count];
        Span<object?> hops = _hops;
        hops = hops[..count];
        for (var i = 0; i < sockets.Length; i++)
            hops[i] = sockets[i].WarmSendPath();
        for (var i = 0; i < hops.Length; i++)
            hops[i] = Unsafe.As<SocketIoClient>(hops[i])!.Connection;
        EngineIoConnection.WarmSendPaths(hops);

        var sent = 0;
        foreach (var socket in sockets)
        {
            if (socket.Deliver(packet, isVolatile))
                sent++;
        }

        sockets.Clear();
        hops.Clear();
        return sent;
    }

    [InlineArray(Capacity)]
    private struct Recipients
    {
        private SocketIoSocket _first;
    }

    [InlineArray(Capacity)]
    private struct Hops
    {
        private object? _first;
    }
}
