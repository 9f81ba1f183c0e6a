using SocketIo.LoadGen.Cli;
using SocketIo.LoadGen.SocketIo;

namespace SocketIo.LoadGen.Scenarios;

/// <summary>The options every Socket.IO scenario shares: server, probes, connection spreading.</summary>
internal sealed record SioRunOptions(SioEndpoint Endpoint, Uri Url, int? ServerPid, Uri? StatsUrl, SourceAddresses Addresses, int ConnectConcurrency)
{
    /// <summary>Usage lines for the shared options.</summary>
    public const string Usage =
        """
          --url http://HOST:PORT      Socket.IO server (path /socket.io/ unless given) (required)
          --server-pid PID            read the server's CPU time and RSS from /proc/PID
          --stats-url URL             read the server's /__stats JSON (allocated bytes, GCs, send calls)
          --source-addresses N        bind clients round-robin to 127.0.0.2.. (N addresses; 1 = no bind) (default 1)
          --connect-concurrency N     handshakes in flight while connecting (default 200)
        """;

    /// <summary>Reads the shared options.</summary>
    public static SioRunOptions Read(ScenarioArguments arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var url = arguments.GetUri("url") ?? throw new FormatException("--url is required");
        return new SioRunOptions(
            new SioEndpoint(url),
            url,
            arguments.GetOptionalInt("server-pid"),
            arguments.GetUri("stats-url"),
            new SourceAddresses(arguments.GetInt("source-addresses", 1, 1, 250)),
            arguments.GetInt("connect-concurrency", 200, 1, 10_000));
    }
}
