using System.Net;
using Microsoft.Extensions.Logging;
using SocketIo.Engine.Transport;

namespace SocketIo.Engine.Http;

/// <summary>An HTTP/1.1 + WebSocket server: the transport listener running the HTTP request loop for an application.</summary>
internal sealed class HttpServer : IAsyncDisposable
{
    private readonly TransportListener _listener;

    /// <summary>Creates (but does not start) the server.</summary>
    public HttpServer(TransportOptions transport, HttpServerOptions http, IHttpApplication application, ILoggerFactory? loggerFactory = null)
    {
        var handler = new HttpConnectionHandler(application, http, loggerFactory?.CreateLogger("SocketIo.Http"));
        _listener = new TransportListener(transport, handler, loggerFactory?.CreateLogger("SocketIo.Transport"));
    }

    /// <summary>The endpoints actually bound (port 0 resolved).</summary>
    public IReadOnlyList<IPEndPoint> BoundEndpoints => _listener.BoundEndpoints;

    /// <summary>Connection and send counters.</summary>
    public TransportMetrics Metrics => _listener.Metrics;

    /// <summary>Binds and starts accepting.</summary>
    public void Start() => _listener.Start();

    /// <summary>Stops accepting, lets connections finish (WebSockets get 1001), and force-closes the rest after <paramref name="timeout"/>.</summary>
    public Task StopAsync(TimeSpan timeout, CancellationToken cancellationToken = default) => _listener.StopAsync(timeout, cancellationToken);

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _listener.DisposeAsync();
}
