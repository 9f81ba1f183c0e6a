using System.Net;
using System.Text;
using SocketIo.Protocol.Http;

namespace SocketIo.Engine.SocketIO.Connections;

/// <summary>The parts of the Engine.IO opening request that every namespace handshake shares.</summary>
/// <remarks>
/// An idle connection keeps only a copy of the request head bytes and the peer's endpoint; the headers, query, URL
/// and address are built on first access. Building them for every connection cost ~1.9 KB of dictionaries and
/// strings per idle connection (bench/results/idle-memory.md), and most applications never read them.
/// Thread-safe: concurrent first reads may each build a view; one of them is kept.
/// </remarks>
internal sealed class EngineHandshake
{
    private static readonly Dictionary<string, string> Empty = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Limits wide enough for any head a configured server accepted (the largest its options allow).</summary>
    private static readonly HttpRequestParser Reparser = new(new HttpParserOptions
    {
        MaxLeadingEmptyLines = 1024,
        MaxRequestLineLength = 1 << 20,
        MaxRequestTargetLength = 1 << 20,
        MaxHeaderSectionLength = 1 << 24,
        MaxHeaderCount = short.MaxValue,
    });

    private readonly byte[]? _head;
    private readonly EndPoint? _peer;
    private IReadOnlyDictionary<string, string>? _headers;
    private IReadOnlyDictionary<string, string>? _query;
    private string? _address;
    private string? _url;
    private long _issued;

    /// <summary>An empty handshake (set what matters with the initializers).</summary>
    public EngineHandshake()
    {
    }

    /// <summary>A handshake read lazily from <paramref name="requestHead"/> (the raw head, owned by this object).</summary>
    internal EngineHandshake(byte[] requestHead, EndPoint? peer, bool crossDomain, DateTimeOffset issued)
    {
        _head = requestHead;
        _peer = peer;
        CrossDomain = crossDomain;
        Issued = issued;
    }

    /// <summary>Request headers; names compared case-insensitively, repeated headers joined with <c>", "</c>.</summary>
    public IReadOnlyDictionary<string, string> Headers
    {
        get => Volatile.Read(ref _headers) ?? Publish(ref _headers, ReadHeaders(_head));
        init => _headers = value;
    }

    /// <summary>Query parameters of the opening request (percent-decoded, last value wins).</summary>
    public IReadOnlyDictionary<string, string> Query
    {
        get => Volatile.Read(ref _query) ?? Publish(ref _query, ReadQuery(_head));
        init => _query = value;
    }

    /// <summary>The client's IP address as text.</summary>
    public string Address
    {
        get => Volatile.Read(ref _address) ?? Publish(ref _address, FormatAddress(_peer));
        init => _address = value;
    }

    /// <summary>True when the connection came over TLS.</summary>
    public bool Secure { get; init; }

    /// <summary>True when the request carried an <c>Origin</c> header (cross-domain).</summary>
    public bool CrossDomain { get; init; }

    /// <summary>The request target of the opening request (path and query).</summary>
    public string Url
    {
        get => Volatile.Read(ref _url) ?? Publish(ref _url, ReadUrl(_head));
        init => _url = value;
    }

    /// <summary>When the Engine.IO session was opened.</summary>
    public DateTimeOffset Issued
    {
        get => DateTimeOffset.FromUnixTimeMilliseconds(_issued);
        init => _issued = value.ToUnixTimeMilliseconds();
    }

    private static T Publish<T>(ref T? field, T value)
        where T : class => Interlocked.CompareExchange(ref field, value, null) ?? value;

    /// <summary>Parses the stored head again (it passed the server's stricter limits once); null without one.</summary>
    private static HttpRequestHead? Parse(byte[]? raw)
    {
        if (raw is null)
            return null;
        var head = new HttpRequestHead();
        if (Reparser.Parse(raw, head, out _, out _) == HttpParseStatus.Done)
            return head;
        head.ReleaseBuffer();
        return null;
    }

    /// <summary>Names lower-cased as Node reports them, repeated ones joined with <c>", "</c>.</summary>
    private static Dictionary<string, string> ReadHeaders(byte[]? raw)
    {
        if (Parse(raw) is not { } request)
            return Empty;
        var headers = new Dictionary<string, string>(request.HeaderCount, StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < request.HeaderCount; i++)
        {
            // Header bytes are Latin-1 on the wire (Node's http parser reads them that way too).
            var name = Encoding.Latin1.GetString(request.GetName(i)).ToLowerInvariant();
            var value = Encoding.Latin1.GetString(request.GetValue(i));
            headers[name] = headers.TryGetValue(name, out var previous) ? previous + ", " + value : value;
        }

        request.ReleaseBuffer();
        return headers;
    }

    private static Dictionary<string, string> ReadQuery(byte[]? raw)
    {
        if (Parse(raw) is not { } request)
            return new Dictionary<string, string>(StringComparer.Ordinal);
        var query = request.Query;
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var buffer = new byte[query.Length];
        foreach (var pair in new HttpQueryEnumerator(query))
        {
            if (!HttpQuery.TryDecode(pair.RawName, buffer, out var nameLength))
                continue;
            var name = Encoding.UTF8.GetString(buffer, 0, nameLength);
            result[name] = HttpQuery.TryDecode(pair.RawValue, buffer, out var valueLength) ? Encoding.UTF8.GetString(buffer, 0, valueLength) : string.Empty;
        }

        request.ReleaseBuffer();
        return result;
    }

    private static string ReadUrl(byte[]? raw)
    {
        if (Parse(raw) is not { } request)
            return string.Empty;
        var url = Encoding.UTF8.GetString(request.Target);
        request.ReleaseBuffer();
        return url;
    }

    private static string FormatAddress(EndPoint? endPoint) => endPoint switch
    {
        IPEndPoint ip => (ip.Address.IsIPv4MappedToIPv6 ? ip.Address.MapToIPv4() : ip.Address).ToString(),
        null => string.Empty,
        _ => endPoint.ToString() ?? string.Empty,
    };
}
