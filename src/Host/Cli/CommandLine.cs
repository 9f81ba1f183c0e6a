using System.Globalization;
using System.Net;
using System.Text;
using SocketIo.Engine.EngineIO;

namespace SocketIo.Host.Cli;

/// <summary>
/// A small, table-driven parser for <c>--name value</c> and <c>--flag</c> options. A table (rather than a
/// library) keeps <c>--help</c> and parsing in one place and adds no dependency to the Host.
/// </summary>
internal static class CommandLine
{
    private sealed record Option(string Name, string? ValueName, string Help, Action<HostOptions, string> Apply);

    private static readonly Option[] Options =
    [
        new("--app", "NAME", "application: chat (default), reference, echo", (o, v) => o.App = v is "chat" or "reference" or "echo" ? v : throw new FormatException($"unknown app '{v}'")),
        new("--port", "N", "TCP port to listen on (default 3000; 0 = any free port)", (o, v) => o.Port = ParseInt(v, 0, 65535)),
        new("--max-connections", "N", "most TCP connections served at once; more are closed on arrival (default 10000)", (o, v) => o.MaxConnections = ParseInt(v, 1, 1_000_000)),
        new("--listen", "ADDRESS", "address to bind, repeatable (default 127.0.0.1 and ::1; 0.0.0.0 for all)", (o, v) => o.Addresses.Add(IPAddress.Parse(v))),
        new("--ws-echo", "PATH", "also serve a plain WebSocket echo endpoint at PATH (e.g. /echo)", (o, v) => o.WebSocketEchoPath = v.StartsWith('/') ? v : throw new FormatException("--ws-echo needs a path starting with /")),
        new("--static", "DIR", "serve static files from DIR", (o, v) => o.StaticRoot = v),
        new("--ping-interval", "MS", "Engine.IO pingInterval in milliseconds (default 25000)", (o, v) => o.PingInterval = ParseInt(v, 1, int.MaxValue)),
        new("--ping-timeout", "MS", "Engine.IO pingTimeout in milliseconds (default 20000)", (o, v) => o.PingTimeout = ParseInt(v, 1, int.MaxValue)),
        new("--upgrade-timeout", "MS", "Engine.IO upgradeTimeout in milliseconds (default 10000)", (o, v) => o.UpgradeTimeout = ParseInt(v, 1, int.MaxValue)),
        new("--max-payload", "BYTES", "Engine.IO maxHttpBufferSize: largest POST body or WebSocket message (default 1000000)", (o, v) => o.MaxPayload = ParseInt(v, 1, int.MaxValue)),
        new("--transports", "LIST", "Engine.IO transports: polling,websocket (default both)", (o, v) => o.Transports = ParseTransports(v)),
        new("--no-upgrades", null, "Engine.IO: do not let polling sessions upgrade to WebSocket", (o, _) => o.AllowUpgrades = false),
        new("--cors", "ORIGIN", "Engine.IO CORS: allowed origin, or * for any (default off)", (o, v) => o.CorsOrigin = v),
        new("--cors-credentials", null, "Engine.IO CORS: allow credentials (the origin is echoed)", (o, _) => o.CorsCredentials = true),
        new("--cookie", null, "Engine.IO sticky-session cookie; --cookie=NAME sets its name (default io)", (o, v) => o.CookieName = v == "true" ? "io" : v),
        new("--no-idle-memory-reducer", null, "keep the memory the GC committed instead of giving it back with a full GC once the server has gone quiet", (o, _) => o.ReduceIdleMemory = false),
        new("--inline-io", null, "run socket completions, and so every handler, on the socket engine's threads instead of the thread pool (fewer thread hops; handlers must never block)", (o, _) => o.InlineIo = true),
        new("--log-level", "LEVEL", "trace, debug, information (default), warning, error", (o, v) => o.LogLevel = Enum.Parse<Microsoft.Extensions.Logging.LogLevel>(v, ignoreCase: true)),
    ];

    /// <summary>Parses <paramref name="args"/>; returns null and prints help when asked for it.</summary>
    public static HostOptions? Parse(string[] args, TextWriter output)
    {
        var options = new HostOptions();
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            if (arg is "-h" or "--help")
            {
                output.Write(Help());
                return null;
            }

            var eq = arg.IndexOf('=', StringComparison.Ordinal);
            var name = eq > 0 ? arg[..eq] : arg;
            var option = Array.Find(Options, o => o.Name == name) ?? throw new FormatException($"unknown option '{arg}' (see --help)");
            string value;
            if (option.ValueName is null)
            {
                value = eq > 0 ? arg[(eq + 1)..] : "true";
            }
            else if (eq > 0)
            {
                value = arg[(eq + 1)..];
            }
            else if (i + 1 < args.Length)
            {
                value = args[++i];
            }
            else
            {
                throw new FormatException($"option '{name}' needs a value");
            }

            option.Apply(options, value);
        }

        return options;
    }

    /// <summary>The text <c>--help</c> prints.</summary>
    public static string Help()
    {
        var sb = new StringBuilder("usage: SocketIo.Host [options]\n\noptions:\n");
        foreach (var o in Options)
        {
            var left = o.ValueName is null ? o.Name : $"{o.Name} {o.ValueName}";
            sb.Append(CultureInfo.InvariantCulture, $"  {left,-26} {o.Help}\n");
        }

        sb.Append("  -h, --help                 show this help\n");
        return sb.ToString();
    }

    private static EngineIoTransports ParseTransports(string value)
    {
        var transports = EngineIoTransports.None;
        foreach (var name in value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            transports |= name switch
            {
                "polling" => EngineIoTransports.Polling,
                "websocket" => EngineIoTransports.WebSocket,
                _ => throw new FormatException($"unknown transport '{name}' (polling, websocket)"),
            };
        }

        return transports == EngineIoTransports.None ? throw new FormatException("--transports needs polling, websocket or both") : transports;
    }

    private static int ParseInt(string value, int min, int max)
    {
        var n = int.Parse(value, NumberStyles.None, CultureInfo.InvariantCulture);
        return n < min || n > max ? throw new FormatException($"{value} is outside {min}..{max}") : n;
    }
}
