using SocketIo.Engine.EngineIO;
using SocketIo.Engine.Hosting;
using SocketIo.Engine.Http;
using SocketIo.Engine.SocketIO.EngineIoBridge;
using SocketIo.Engine.Transport;
using SocketIo.Engine.WebSockets;
using SocketIo.Host.Cli;
using SocketIo.Host.ClientBundle;

namespace SocketIo.Host;

/// <summary>
/// Routes requests: the stats endpoint, the Socket.IO browser client, Socket.IO and Engine.IO at their paths, the WebSocket echo endpoint, then
/// static files; anything else is 404.
/// </summary>
internal sealed class HostApplication(HostOptions options, StaticFileHandler? staticFiles, EngineIoServer? engineIo = null, SocketIoEndpoint? socketIo = null, ClientBundleHandler? clientBundle = null) : IHttpApplication
{
    private static readonly byte[] StatsPath = "/__stats"u8.ToArray();
    private static readonly byte[] DashboardPath = "/dashboard"u8.ToArray();
    private readonly byte[]? _echoPath = options.WebSocketEchoPath is { } path ? System.Text.Encoding.UTF8.GetBytes(path) : null;

    /// <summary>Largest WebSocket message the echo endpoint takes (16 MiB, as Autobahn's biggest cases need).</summary>
    private const long EchoMaxMessageSize = 16 * 1024 * 1024;

    /// <summary>The server's transport counters, reported by <c>GET /__stats</c> (set once the server exists).</summary>
    public TransportMetrics? Metrics { get; set; }

    /// <summary>The idle memory reducer, whose reductions <c>GET /__stats</c> reports, or null when it is off.</summary>
    public IdleMemoryReducer? MemoryReducer { get; set; }

    public ValueTask HandleAsync(HttpContext context)
    {
        if (context.Request.Path.SequenceEqual(StatsPath))
        {
            // Load generators read this before and after a measured window (bytes allocated per message).
            Span<byte> json = stackalloc byte[ServerStats.MaxLength];
            var length = ServerStats.Write(json, Metrics, MemoryReducer);
            context.AddHeader("Cache-Control"u8, "no-store"u8);
            context.Respond(200, "application/json"u8, json[..length]);
            return ValueTask.CompletedTask;
        }

        // The client files live under the Socket.IO path: look for them first.
        if (clientBundle is not null && clientBundle.TryHandle(context))
        {
            return ValueTask.CompletedTask;
        }

        if (context.Request.Path.SequenceEqual(DashboardPath))
        {
            // The dashboard's page is dashboard/index.html; its relative links need the trailing slash.
            context.AddHeader("Location"u8, "/dashboard/"u8);
            context.Respond(301, default, default);
            return ValueTask.CompletedTask;
        }

        if (socketIo is not null && socketIo.IsMatch(context.Request.Path))
        {
            return socketIo.HandleAsync(context);
        }

        if (engineIo is not null && engineIo.IsMatch(context.Request.Path))
        {
            return engineIo.HandleAsync(context);
        }

        if (_echoPath is not null && context.Request.Path.SequenceEqual(_echoPath))
        {
            context.AcceptWebSocket(WebSocketEchoHandler.Instance, EchoMaxMessageSize);
        }
        else
        {
            staticFiles?.TryHandle(context);
        }

        return ValueTask.CompletedTask;
    }
}
