using System.Net;
using Microsoft.Extensions.Logging;
using SocketIo.Engine.EngineIO;
using SocketIo.Engine.Http;
using SocketIo.Engine.SocketIO;
using SocketIo.Engine.SocketIO.EngineIoBridge;
using SocketIo.Engine.Transport;

namespace SocketIo.Engine.Hosting;

/// <summary>
/// A Socket.IO server listening on TCP: the engine's own HTTP/1.1 + WebSocket server with Engine.IO and
/// Socket.IO mounted at <see cref="SocketIoListenerOptions.Path"/>. Register namespaces, middleware and
/// handlers on <see cref="Server"/> (before or after starting).
/// </summary>
/// <example>
/// <code>
/// await using var listener = SocketIoListener.Start(new SocketIoListenerOptions { Endpoints = [new(IPAddress.Loopback, 3000)] });
/// listener.Server.OnConnection(socket =&gt; socket.On("ping", e =&gt; e.Ack("pong")));
/// </code>
/// </example>
public sealed class SocketIoListener : IAsyncDisposable
{
    private readonly SocketIoEndpoint _endpoint;
    private readonly HttpServer _http;

    private SocketIoListener(SocketIoListenerOptions options, SocketIoServerOptions? serverOptions, ILoggerFactory? loggerFactory)
    {
        var transports = (options.AllowPolling ? EngineIoTransports.Polling : 0) | (options.AllowWebSocket ? EngineIoTransports.WebSocket : 0);
        var engineIo = new EngineIoOptions
        {
            PingInterval = options.PingInterval,
            PingTimeout = options.PingTimeout,
            UpgradeTimeout = options.UpgradeTimeout,
            MaxPayload = options.MaxPayload,
            Transports = transports,
            AllowUpgrades = options.AllowUpgrades,
            Cors = options.CorsOrigin is { } origin ? new EngineIoCorsOptions { Origin = origin, Credentials = options.CorsCredentials } : null,
        };
        engineIo.Validate();
        _endpoint = new SocketIoEndpoint(serverOptions, engineIo, options.Path, loggerFactory);
        _http = new HttpServer(
            new TransportOptions { Endpoints = options.Endpoints, MaxConcurrentConnections = options.MaxConnections },
            _endpoint.CreateHttpOptions(),
            _endpoint,
            loggerFactory);
    }

    /// <summary>The Socket.IO server: namespaces, middleware, handlers, broadcasts.</summary>
    public SocketIoServer Server => _endpoint.Server;

    /// <summary>The endpoints actually bound (a port of 0 resolved).</summary>
    public IReadOnlyList<IPEndPoint> Endpoints => _http.BoundEndpoints;

    /// <summary>Binds the endpoints and starts serving.</summary>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    /// <exception cref="System.Net.Sockets.SocketException">An endpoint could not be bound.</exception>
    public static SocketIoListener Start(SocketIoListenerOptions? options = null, SocketIoServerOptions? serverOptions = null, ILoggerFactory? loggerFactory = null)
    {
        var listener = new SocketIoListener(options ?? new SocketIoListenerOptions(), serverOptions, loggerFactory);
        listener._http.Start();
        return listener;
    }

    /// <summary>
    /// Stops gracefully: every socket is disconnected with "server shutting down", no new connections are
    /// accepted, and connections still open after <paramref name="timeout"/> are closed.
    /// </summary>
    public async Task StopAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        _endpoint.Close();
        await _http.StopAsync(timeout, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _endpoint.Close();
        await _http.DisposeAsync().ConfigureAwait(false);
        await _endpoint.DisposeAsync().ConfigureAwait(false);
    }
}
