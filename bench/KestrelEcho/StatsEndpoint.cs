using System.Globalization;
using System.Text.Unicode;

namespace SocketIo.Bench.KestrelEcho;

/// <summary>
/// <c>GET /__stats</c>: the same JSON counters as the Host's endpoint (Kestrel exposes no send counters, so
/// those are 0), read by the load generator before and after its measured window.
/// </summary>
internal static class StatsEndpoint
{
    private const int MaxLength = 512;

    public static Task HandleAsync(HttpContext context)
    {
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var response = context.Response;
        response.ContentType = "application/json";
        response.Headers.CacheControl = "no-store";
        var span = response.BodyWriter.GetSpan(MaxLength);
        Utf8.TryWrite(
            span,
            CultureInfo.InvariantCulture,
            $"{{\"allocatedBytes\":{allocated},\"gen0\":{GC.CollectionCount(0)},\"gen1\":{GC.CollectionCount(1)},\"gen2\":{GC.CollectionCount(2)},\"workingSet\":{Environment.WorkingSet},\"framesSent\":0,\"sendCalls\":0,\"bytesSent\":0,\"bytesReceived\":0,\"activeConnections\":0}}",
            out var written);
        response.ContentLength = written;
        response.BodyWriter.Advance(written);
        return Task.CompletedTask;
    }
}
