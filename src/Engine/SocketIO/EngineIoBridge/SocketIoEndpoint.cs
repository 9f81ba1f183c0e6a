using Microsoft.Extensions.Logging;
using SocketIo.Engine.EngineIO;
using SocketIo.Engine.Http;
using SocketIo.Engine.Timing;
using SocketIo.Protocol.Http;

namespace SocketIo.Engine.SocketIO.EngineIoBridge;

/// <summary>
/// Socket.IO served over HTTP: an Engine.IO server at <c>/socket.io/</c> whose sessions run the Socket.IO
/// <see cref="Server"/>, both on one timer wheel. Pass it to an <see cref="HttpServer"/> as its application (or
/// route the requests <see cref="IsMatch"/> accepts to it), configure <see cref="Server"/>, and start listening.
/// </summary>
/// <example><code>
/// await using var sio = new SocketIoEndpoint();
/// sio.Server.OnConnection(socket => socket.On("ping", e => e.Ack("pong")));
/// await using var http = new HttpServer(new TransportOptions { Endpoints = [new(IPAddress.Loopback, 3000)] }, sio.CreateHttpOptions(), sio);
/// http.Start();
/// </code></example>
internal sealed class SocketIoEndpoint : IHttpApplication, IAsyncDisposable
{
    /// <summary>Where the reference mounts Socket.IO.</summary>
    public const string DefaultPath = "/socket.io/";

    private readonly TimerWheel _timers;
    private readonly bool _ownsTimers;

    /// <summary>
    /// Creates the Engine.IO server (with <paramref name="engineIoOptions"/>, mounted at <paramref name="path"/>) and
    /// the Socket.IO server on one timer wheel: <paramref name="timers"/>, or a started wheel of its own.
    /// </summary>
    public SocketIoEndpoint(
        SocketIoServerOptions? options = null,
        EngineIoOptions? engineIoOptions = null,
        string path = DefaultPath,
        ILoggerFactory? loggerFactory = null,
        TimerWheel? timers = null)
    {
        if (timers is null)
        {
            timers = new TimerWheel(TimerWheel.DefaultTickDuration, null, loggerFactory?.CreateLogger<TimerWheel>());
            timers.Start();
            _ownsTimers = true;
        }

        _timers = timers;
        Server = new SocketIoServer(options, timers, loggerFactory);
        Engine = new EngineIoServer((engineIoOptions ?? new EngineIoOptions()) with { Path = path }, new SocketIoEngineHandler(Server), timers);
    }

    /// <summary>The Socket.IO server: add namespaces, middlewares and handlers here.</summary>
    public SocketIoServer Server { get; }

    /// <summary>The Engine.IO server underneath (its options, sessions).</summary>
    public EngineIoServer Engine { get; }

    /// <summary>True when <paramref name="path"/> (without the query) is under the mount path.</summary>
    public bool IsMatch(ReadOnlySpan<byte> path) => Engine.IsMatch(path);

    /// <inheritdoc />
    public ValueTask HandleAsync(HttpContext context) => Engine.HandleAsync(context);

    /// <summary>
    /// HTTP options whose body limit fits a POST of <c>maxPayload</c> bytes (starting from <paramref name="options"/>,
    /// or the defaults).
    /// </summary>
    public HttpServerOptions CreateHttpOptions(HttpServerOptions? options = null)
    {
        options ??= new HttpServerOptions();
        var parser = options.Parser;
        if (parser.MaxRequestBodySize >= Engine.Options.MaxPayload)
        {
            return options;
        }

        return options with
        {
            Parser = new HttpParserOptions
            {
                MaxLeadingEmptyLines = parser.MaxLeadingEmptyLines,
                MaxRequestLineLength = parser.MaxRequestLineLength,
                MaxRequestTargetLength = parser.MaxRequestTargetLength,
                MaxHeaderSectionLength = parser.MaxHeaderSectionLength,
                MaxHeaderCount = parser.MaxHeaderCount,
                MaxRequestBodySize = Engine.Options.MaxPayload,
                MaxChunkExtensionLength = parser.MaxChunkExtensionLength,
                MaxTrailerSectionLength = parser.MaxTrailerSectionLength,
            },
        };
    }

    /// <summary>
    /// Disconnects every socket with <c>server shutting down</c> and closes every session (waiting polls get their
    /// close packet, WebSockets a Close frame); call it before stopping the HTTP server.
    /// </summary>
    public void Close()
    {
        Server.Close();
        Engine.CloseAll();
    }

    /// <summary>Closes everything and stops the timer wheel if this endpoint created it.</summary>
    public async ValueTask DisposeAsync()
    {
        Close();
        await Engine.DisposeAsync().ConfigureAwait(false);
        if (_ownsTimers)
        {
            await _timers.DisposeAsync().ConfigureAwait(false);
        }
    }
}
