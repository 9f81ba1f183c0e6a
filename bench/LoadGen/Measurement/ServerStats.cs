using System.Text.Json;

namespace SocketIo.LoadGen.Measurement;

/// <summary>
/// One reading of a server's <c>/__stats</c> endpoint (the Host's, KestrelEcho's and the Node peer's JSON;
/// the Node peer has no allocation counter and answers null).
/// </summary>
internal sealed record ServerStats(long? AllocatedBytes, long Gen0, long Gen1, long Gen2, long WorkingSet, long FramesSent, long SendCalls)
{
    /// <summary>Fetches and parses the stats; throws when the server does not answer with the expected JSON.</summary>
    public static async Task<ServerStats> FetchAsync(HttpClient http, Uri url, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        var bytes = await http.GetByteArrayAsync(url, cancellationToken).ConfigureAwait(false);
        using var document = JsonDocument.Parse(bytes);
        var root = document.RootElement;
        long? ReadOptional(string name) => root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt64() : null;
        long Read(string name) => ReadOptional(name) ?? 0;
        return new ServerStats(ReadOptional("allocatedBytes"), Read("gen0"), Read("gen1"), Read("gen2"), Read("workingSet"), Read("framesSent"), Read("sendCalls"));
    }
}
