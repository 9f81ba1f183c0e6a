namespace SocketIo.LoadGen.SocketIo;

/// <summary>Where a Socket.IO server lives: the URLs of its Engine.IO endpoint for each transport.</summary>
internal sealed class SioEndpoint
{
    /// <summary>From a base URL such as <c>http://127.0.0.1:3000</c> (path <c>/socket.io/</c> unless one is given).</summary>
    public SioEndpoint(Uri baseUrl)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        var path = baseUrl.AbsolutePath is "/" or "" ? "/socket.io/" : baseUrl.AbsolutePath.TrimEnd('/') + "/";
        Host = baseUrl.Host;
        Port = baseUrl.Port;
        PollingPath = path + "?EIO=4&transport=polling";
        WebSocketUrl = new Uri($"ws://{baseUrl.Authority}{path}?EIO=4&transport=websocket");
    }

    /// <summary>Server host (an IP address for loopback runs).</summary>
    public string Host { get; }

    /// <summary>Server port.</summary>
    public int Port { get; }

    /// <summary>Path and query of a polling request, without the session id.</summary>
    public string PollingPath { get; }

    /// <summary>The WebSocket-only connection URL.</summary>
    public Uri WebSocketUrl { get; }
}
