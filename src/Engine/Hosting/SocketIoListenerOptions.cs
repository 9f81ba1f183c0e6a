using System.Net;

namespace SocketIo.Engine.Hosting;

/// <summary>
/// Where and how a <see cref="SocketIoListener"/> serves Socket.IO. Defaults are the Node reference's
/// (<c>engine.io</c> 6.6): a 25 s ping interval, 20 s ping timeout, 10 s upgrade timeout, 1 MB payloads,
/// both transports and upgrades on, CORS off.
/// </summary>
public sealed record SocketIoListenerOptions
{
    /// <summary>TCP endpoints to listen on (port 0 picks a free port; see <see cref="SocketIoListener.Endpoints"/>). Default: 127.0.0.1:3000.</summary>
    public IReadOnlyList<IPEndPoint> Endpoints { get; init; } = [new IPEndPoint(IPAddress.Loopback, 3000)];

    /// <summary>The path Socket.IO is served at, matched as a prefix with a trailing slash. Default <c>/socket.io/</c>.</summary>
    public string Path { get; init; } = "/socket.io/";

    /// <summary>How often the server pings each client (Engine.IO <c>pingInterval</c>).</summary>
    public TimeSpan PingInterval { get; init; } = TimeSpan.FromMilliseconds(25_000);

    /// <summary>How long a client has to answer a ping before it is dropped (Engine.IO <c>pingTimeout</c>).</summary>
    public TimeSpan PingTimeout { get; init; } = TimeSpan.FromMilliseconds(20_000);

    /// <summary>How long a polling client has to finish an upgrade to WebSocket.</summary>
    public TimeSpan UpgradeTimeout { get; init; } = TimeSpan.FromMilliseconds(10_000);

    /// <summary>Largest HTTP POST body or WebSocket message, in bytes (Node's <c>maxHttpBufferSize</c>).</summary>
    public int MaxPayload { get; init; } = 1_000_000;

    /// <summary>Whether clients may use HTTP long-polling.</summary>
    public bool AllowPolling { get; init; } = true;

    /// <summary>Whether clients may use WebSocket.</summary>
    public bool AllowWebSocket { get; init; } = true;

    /// <summary>Whether polling clients may upgrade to WebSocket.</summary>
    public bool AllowUpgrades { get; init; } = true;

    /// <summary>The allowed CORS origin (<c>*</c> for any), or null to leave CORS off.</summary>
    public string? CorsOrigin { get; init; }

    /// <summary>Whether CORS responses allow credentials (the request's origin is then echoed).</summary>
    public bool CorsCredentials { get; init; }

    /// <summary>Most connections served at once; more are closed as they arrive.</summary>
    public int MaxConnections { get; init; } = 10_000;
}
