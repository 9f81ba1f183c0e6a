using System.Net;
using System.Text;
using SocketIo.Engine.Http;
using SocketIo.Engine.SocketIO.Connections;
using SocketIo.Protocol.Http;

namespace SocketIo.Engine.SocketIO.EngineIoBridge;

/// <summary>Copies what every namespace handshake needs out of the request that opened an Engine.IO session.</summary>
internal static class EngineHandshakeReader
{
    /// <summary>
    /// Reads headers (names lower-cased as Node reports them, repeated ones joined with <c>", "</c>), the query (last
    /// value wins), the peer address, the request target and whether it was cross-domain.
    /// </summary>
    public static EngineHandshake Read(HttpContext context, DateTimeOffset issued)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        var headers = new Dictionary<string, string>(request.HeaderCount, StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < request.HeaderCount; i++)
        {
            // Header bytes are Latin-1 on the wire (Node's http parser reads them that way too).
            var name = Encoding.Latin1.GetString(request.GetName(i)).ToLowerInvariant();
            var value = Encoding.Latin1.GetString(request.GetValue(i));
            headers[name] = headers.TryGetValue(name, out var previous) ? previous + ", " + value : value;
        }

        return new EngineHandshake
        {
            Headers = headers,
            Query = ReadQuery(request.Query),
            Address = FormatAddress(context.Connection.RemoteEndPoint),
            Secure = false,
            CrossDomain = request.Contains(HttpKnownHeader.Origin),
            Url = Encoding.UTF8.GetString(request.Target),
            Issued = issued,
        };
    }

    private static Dictionary<string, string> ReadQuery(ReadOnlySpan<byte> query)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var buffer = new byte[query.Length];
        foreach (var pair in new HttpQueryEnumerator(query))
        {
            if (!HttpQuery.TryDecode(pair.RawName, buffer, out var nameLength))
            {
                continue;
            }

            var name = Encoding.UTF8.GetString(buffer, 0, nameLength);
            result[name] = HttpQuery.TryDecode(pair.RawValue, buffer, out var valueLength) ? Encoding.UTF8.GetString(buffer, 0, valueLength) : string.Empty;
        }

        return result;
    }

    private static string FormatAddress(EndPoint? endPoint) => endPoint switch
    {
        IPEndPoint ip => (ip.Address.IsIPv4MappedToIPv6 ? ip.Address.MapToIPv4() : ip.Address).ToString(),
        null => string.Empty,
        _ => endPoint.ToString() ?? string.Empty,
    };
}
