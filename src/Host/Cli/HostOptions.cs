using System.Net;

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

    /// <summary>Path of a plain WebSocket echo endpoint (for RFC 6455 conformance suites), or null.</summary>
    public string? WebSocketEchoPath { get; set; }

    /// <summary>Folder of static files to serve, or null for the app's default.</summary>
    public string? StaticRoot { get; set; }

    /// <summary>Minimum log level.</summary>
    public Microsoft.Extensions.Logging.LogLevel LogLevel { get; set; } = Microsoft.Extensions.Logging.LogLevel.Information;

    /// <summary>The addresses to bind: loopback (IPv4 and IPv6 when available) unless some were given.</summary>
    public IReadOnlyList<IPAddress> EffectiveAddresses => Addresses.Count > 0 ? Addresses : [IPAddress.Loopback, IPAddress.IPv6Loopback];
}
