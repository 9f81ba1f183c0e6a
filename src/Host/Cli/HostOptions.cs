using System.Net;
using SocketIo.Engine.EngineIO;

namespace SocketIo.Host.Cli;

/// <summary>Everything the command line can set. Defaults are the ones the README documents.</summary>
internal sealed class HostOptions
{
    /// <summary>Which application the Host serves: the chat demo (default), the reference app, or only echo endpoints.</summary>
    public string App { get; set; } = "chat";

    /// <summary>Addresses to listen on.</summary>
    public List<IPAddress> Addresses { get; } = [];

    /// <summary>TCP port (3000 by default, 0 picks a free one and prints it).</summary>
    public int Port { get; set; } = 3000;

    /// <summary>Most TCP connections served at once (the transport's safe default unless raised).</summary>
    public int MaxConnections { get; set; } = 10_000;

    /// <summary>Path of a plain WebSocket echo endpoint (for RFC 6455 conformance suites), or null.</summary>
    public string? WebSocketEchoPath { get; set; }

    /// <summary>Folder of static files to serve, or null for the app's default.</summary>
    public string? StaticRoot { get; set; }

    /// <summary>Engine.IO pingInterval in milliseconds.</summary>
    public int PingInterval { get; set; } = 25_000;

    /// <summary>Engine.IO pingTimeout in milliseconds.</summary>
    public int PingTimeout { get; set; } = 20_000;

    /// <summary>Engine.IO upgradeTimeout in milliseconds.</summary>
    public int UpgradeTimeout { get; set; } = 10_000;

    /// <summary>Engine.IO maxHttpBufferSize in bytes.</summary>
    public int MaxPayload { get; set; } = 1_000_000;

    /// <summary>Engine.IO transports.</summary>
    public EngineIoTransports Transports { get; set; } = EngineIoTransports.All;

    /// <summary>Whether polling sessions may upgrade to WebSocket.</summary>
    public bool AllowUpgrades { get; set; } = true;

    /// <summary>The CORS origin (<c>*</c> for any), or null for no CORS.</summary>
    public string? CorsOrigin { get; set; }

    /// <summary>Whether CORS allows credentials.</summary>
    public bool CorsCredentials { get; set; }

    /// <summary>The sticky-session cookie name, or null for no cookie.</summary>
    public string? CookieName { get; set; }

    /// <summary>Give memory back once the server has gone quiet (<see cref="Engine.Hosting.IdleMemoryReducer"/>).</summary>
    public bool ReduceIdleMemory { get; set; } = true;

    /// <summary>Run socket completions on the socket engine's threads (DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS).</summary>
    public bool InlineIo { get; set; }

    /// <summary>Minimum log level.</summary>
    public Microsoft.Extensions.Logging.LogLevel LogLevel { get; set; } = Microsoft.Extensions.Logging.LogLevel.Information;

    /// <summary>The Engine.IO options the command line describes, mounted at <c>/engine.io/</c>.</summary>
    public EngineIoOptions ToEngineIoOptions() => new()
    {
        PingInterval = TimeSpan.FromMilliseconds(PingInterval),
        PingTimeout = TimeSpan.FromMilliseconds(PingTimeout),
        UpgradeTimeout = TimeSpan.FromMilliseconds(UpgradeTimeout),
        MaxPayload = MaxPayload,
        Transports = Transports,
        AllowUpgrades = AllowUpgrades,
        Cors = CorsOrigin is null && !CorsCredentials ? null : new EngineIoCorsOptions { Origin = CorsOrigin ?? "*", Credentials = CorsCredentials },
        Cookie = CookieName is null ? null : new EngineIoCookieOptions { Name = CookieName },
    };

    /// <summary>The addresses to bind: loopback (IPv4 and IPv6 when available) unless some were given.</summary>
    public IReadOnlyList<IPAddress> EffectiveAddresses => Addresses.Count > 0 ? Addresses : [IPAddress.Loopback, IPAddress.IPv6Loopback];
}
