using System.Globalization;
using System.Net;
using System.Text;

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
        new("--listen", "ADDRESS", "address to bind, repeatable (default 127.0.0.1 and ::1; 0.0.0.0 for all)", (o, v) => o.Addresses.Add(IPAddress.Parse(v))),
        new("--ws-echo", "PATH", "also serve a plain WebSocket echo endpoint at PATH (e.g. /echo)", (o, v) => o.WebSocketEchoPath = v.StartsWith('/') ? v : throw new FormatException("--ws-echo needs a path starting with /")),
        new("--static", "DIR", "serve static files from DIR", (o, v) => o.StaticRoot = v),
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
                value = "true";
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
            sb.Append(CultureInfo.InvariantCulture, $"  {left,-24} {o.Help}\n");
        }

        sb.Append("  -h, --help               show this help\n");
        return sb.ToString();
    }

    private static int ParseInt(string value, int min, int max)
    {
        var n = int.Parse(value, NumberStyles.None, CultureInfo.InvariantCulture);
        return n < min || n > max ? throw new FormatException($"{value} is outside {min}..{max}") : n;
    }
}
