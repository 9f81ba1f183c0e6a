namespace SocketIo.Engine.SocketIO.Connections;

/// <summary>The parts of the Engine.IO opening request that every namespace handshake shares.</summary>
internal sealed class EngineHandshake
{
    private static readonly Dictionary<string, string> Empty = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Request headers; names compared case-insensitively, repeated headers joined with <c>", "</c>.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = Empty;

    /// <summary>Query parameters of the opening request (percent-decoded).</summary>
    public IReadOnlyDictionary<string, string> Query { get; init; } = Empty;

    /// <summary>The client's IP address as text.</summary>
    public string Address { get; init; } = string.Empty;

    /// <summary>True when the connection came over TLS.</summary>
    public bool Secure { get; init; }

    /// <summary>True when the request carried an <c>Origin</c> header (cross-domain).</summary>
    public bool CrossDomain { get; init; }

    /// <summary>The request target of the opening request (path and query).</summary>
    public string Url { get; init; } = string.Empty;

    /// <summary>When the Engine.IO session was opened.</summary>
    public DateTimeOffset Issued { get; init; }
}
