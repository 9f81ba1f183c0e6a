using System.Globalization;
using System.Text.Unicode;
using SocketIo.Engine.Hosting;
using SocketIo.Engine.Transport;

namespace SocketIo.Host;

/// <summary>
/// The process counters a load generator reads before and after a measured window (<c>GET /__stats</c>):
/// bytes allocated, GC counts, managed heap size (live objects and fragmentation after the last GC), working set, the transport's send counters and the idle memory reducer's count and last pause, as one JSON object.
/// </summary>
internal static class ServerStats
{
    /// <summary>Largest JSON this writes (every number at its widest).</summary>
    public const int MaxLength = 640;

    /// <summary>
    /// Writes the counters into <paramref name="destination"/> without allocating, so reading them does not
    /// disturb the allocation count being measured. Returns the bytes written.
    /// </summary>
    public static int Write(Span<byte> destination, TransportMetrics? metrics, IdleMemoryReducer? memoryReducer = null)
    {
        // Read the allocation counter first: nothing this method does afterwards is counted in it.
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var ok = Utf8.TryWrite(
            destination,
            CultureInfo.InvariantCulture,
            $"{{\"allocatedBytes\":{allocated},\"gen0\":{GC.CollectionCount(0)},\"gen1\":{GC.CollectionCount(1)},\"gen2\":{GC.CollectionCount(2)},\"heapBytes\":{GC.GetGCMemoryInfo().HeapSizeBytes},\"totalMemory\":{GC.GetTotalMemory(false)},\"workingSet\":{Environment.WorkingSet},\"framesSent\":{metrics?.FramesSent ?? 0},\"sendCalls\":{metrics?.SendCalls ?? 0},\"bytesSent\":{metrics?.BytesSent ?? 0},\"bytesReceived\":{metrics?.BytesReceived ?? 0},\"activeConnections\":{metrics?.ActiveConnections ?? 0},\"idleReductions\":{memoryReducer?.Reductions ?? 0},\"lastIdlePauseUs\":{(long)(memoryReducer?.LastPause.TotalMicroseconds ?? 0)}}}",
            out var written);
        return ok ? written : 0;
    }
}
