// The baseline for bench/LoadGen's ws-echo scenario: ASP.NET Core Kestrel's own WebSocket stack, as an
// application would use it, with logging off. Run: KestrelEcho --urls http://127.0.0.1:PORT
using SocketIo.Bench.KestrelEcho;

var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();

var app = builder.Build();
app.UseWebSockets();
app.Map("/echo", EchoEndpoint.HandleAsync);
app.MapGet("/__stats", StatsEndpoint.HandleAsync);
app.Run();
