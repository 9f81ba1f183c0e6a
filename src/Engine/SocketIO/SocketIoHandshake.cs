using System.Text.Json;
using SocketIo.Engine.SocketIO.Connections;

namespace SocketIo.Engine.SocketIO;

/// <summary>The details of a namespace connection (the reference's <c>socket.handshake</c>).</summary>
public sealed class SocketIoHandshake
{
    private readonly EngineHandshake _engine;

    internal SocketIoHandshake(EngineHandshake engine, JsonElement auth)
    {
        _engine = engine;
        Auth = auth;
    }

    /// <summary>Headers of the request that opened the connection (names compared case-insensitively).</summary>
    public IReadOnlyDictionary<string, string> Headers => _engine.Headers;

    /// <summary>Query parameters of the request that opened the connection.</summary>
    public IReadOnlyDictionary<string, string> Query => _engine.Query;

    /// <summary>The CONNECT payload: a JSON object, <c>{}</c> when the client sent none.</summary>
    public JsonElement Auth { get; }

    /// <summary>The client's IP address.</summary>
    public string Address => _engine.Address;

    /// <summary>True when the connection uses TLS.</summary>
    public bool Secure => _engine.Secure;

    /// <summary>True when the request was cross-domain (carried an <c>Origin</c> header).</summary>
    public bool CrossDomain => _engine.CrossDomain;

    /// <summary>The request target (path and query) of the opening request.</summary>
    public string Url => _engine.Url;

    /// <summary>When the connection was opened.</summary>
    public DateTimeOffset Time => _engine.Issued;

    /// <summary>When the connection was opened, in milliseconds since the Unix epoch (the reference's <c>issued</c>).</summary>
    public long Issued => _engine.Issued.ToUnixTimeMilliseconds();
}
