using System.Net;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using SocketIo.Engine.EngineIO;
using SocketIo.Engine.Hosting;
using SocketIo.Engine.Http;
using SocketIo.Engine.SocketIO;
using SocketIo.Engine.SocketIO.EngineIoBridge;
using SocketIo.Engine.Timing;
using SocketIo.Protocol.Http;
using SocketIo.Engine.Transport;
using SocketIo.Host;
using SocketIo.Host.Apps;
using SocketIo.Host.Cli;
using SocketIo.Host.ClientBundle;

HostOptions? options;
try
{
    options = CommandLine.Parse(args, Console.Out);
}
catch (FormatException ex)
{
    Console.Error.WriteLine($"error: {ex.Message}");
    return 2;
}

if (options is null)
{
    return 0;
}

if (options.InlineIo)
{
    // Read once by the runtime's socket engine when it starts, which has not happened yet.
    Environment.SetEnvironmentVariable("DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS", "1");
}

using var loggerFactory = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(options.LogLevel));
var logger = loggerFactory.CreateLogger("SocketIo.Host");

var staticRoot = options.StaticRoot ?? Path.Combine(AppContext.BaseDirectory, "wwwroot");
var staticFiles = Directory.Exists(staticRoot) ? new StaticFileHandler(staticRoot) : null;
var endpoints = options.EffectiveAddresses
    .Where(a => a.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6 || System.Net.Sockets.Socket.OSSupportsIPv6)
    .Select(a => new IPEndPoint(a, options.Port)).ToArray();

// The bare Engine.IO echo app at /engine.io/ (every message sent back as it came).
EngineIoOptions engineIoOptions;
try
{
    engineIoOptions = options.ToEngineIoOptions();
    engineIoOptions.Validate();
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine($"error: {ex.Message}");
    return 2;
}

// One timer wheel drives every heartbeat and timeout: the echo's and Socket.IO's.
await using var timers = new TimerWheel(TimerWheel.DefaultTickDuration, null, loggerFactory.CreateLogger<TimerWheel>());
timers.Start();
await using var engineIo = new EngineIoServer(engineIoOptions, EngineIoEchoHandler.Instance, timers);

// Socket.IO at /socket.io/ with the same Engine.IO options, running the chat demo (with its dashboard feed) or
// the reference app.
await using var socketIo = options.App is "reference" or "chat"
    ? new SocketIoEndpoint(
        // The reference app's handlers never keep an event past their own run, so events can be recycled.
        new SocketIoServerOptions { ReuseEvents = options.App == "reference" },
        engineIoOptions: engineIoOptions,
        loggerFactory: loggerFactory,
        timers: timers)
    : null;
ChatApp? chat = null;
if (options.App == "reference")
{
    ReferenceApp.Configure(socketIo!.Server);
}
else if (socketIo is not null)
{
    chat = ChatApp.Configure(socketIo.Server);
}

// The official browser client at /socket.io/socket.io.js, as the Node server serves it by default.
ClientBundleHandler? clientBundle = null;
string? clientBundleMissing = null;
if (socketIo is not null)
{
    clientBundle = ClientBundleHandler.TryLoad(Path.Combine(AppContext.BaseDirectory, ClientBundleHandler.DefaultFolder), socketIo.Engine.Options.NormalizedPath, out clientBundleMissing);
}

// A POST may carry maxPayload bytes: the HTTP body limit must not be smaller.
var httpOptions = new HttpServerOptions
{
    Parser = new HttpParserOptions { MaxRequestBodySize = Math.Max(HttpParserOptions.Default.MaxRequestBodySize, engineIoOptions.MaxPayload) },
};

var application = new HostApplication(options, staticFiles, engineIo, socketIo, clientBundle);
await using var server = new HttpServer(
    new TransportOptions { Endpoints = endpoints, MaxConcurrentConnections = options.MaxConnections },
    httpOptions,
    application,
    loggerFactory);
application.Metrics = server.Metrics;
await using var dashboard = chat is null ? null : DashboardApp.Start(socketIo!.Server, chat, () => application.Metrics);
await using var memoryReducer = options.ReduceIdleMemory ? new IdleMemoryReducer(logger: loggerFactory.CreateLogger<IdleMemoryReducer>()) : null;
application.MemoryReducer = memoryReducer;
server.Start();
memoryReducer?.Start();
foreach (var endpoint in server.BoundEndpoints)
{
    logger.LogInformation("Listening on http://{Endpoint}", endpoint);
}

logger.LogInformation("Engine.IO echo at {Path} (pingInterval {PingInterval} ms, pingTimeout {PingTimeout} ms, maxPayload {MaxPayload})",
    engineIoOptions.Path, options.PingInterval, options.PingTimeout, options.MaxPayload);

if (socketIo is not null)
{
    logger.LogInformation("Socket.IO {App} app at {Path}", options.App, socketIo.Engine.Options.NormalizedPath);
    if (clientBundle is not null)
    {
        logger.LogInformation("Serving the socket.io-client {Version} browser bundle at {Path}socket.io.js", clientBundle.Version, socketIo.Engine.Options.NormalizedPath);
    }
    else
    {
        logger.LogWarning("NOT serving the Socket.IO browser client at {Path}socket.io.js: {Reason}. Install Node.js/npm and rebuild to get it", socketIo.Engine.Options.NormalizedPath, clientBundleMissing);
    }
}

if (chat is not null)
{
    var first = server.BoundEndpoints.FirstOrDefault();
    logger.LogInformation("Chat demo at http://{Endpoint}/ and its dashboard at http://{Endpoint}/dashboard", first, first);
}

if (options.WebSocketEchoPath is { } echo)
{
    logger.LogInformation("WebSocket echo at {Path}", echo);
}

using var stop = new CancellationTokenSource();

// SIGINT and SIGTERM start a graceful shutdown instead of killing the process mid-response.
void OnSignal(PosixSignalContext context)
{
    context.Cancel = true;
    stop.Cancel();
}

using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);

try
{
    await Task.Delay(Timeout.Infinite, stop.Token);
}
catch (OperationCanceledException)
{
}

logger.LogInformation("Shutting down");
socketIo?.Close();
engineIo.CloseAll();
await server.StopAsync(TimeSpan.FromSeconds(5));
return 0;
