using SocketIo.Engine.EngineIO;
using SocketIo.Engine.Http;
using SocketIo.Engine.WebSockets;
using SocketIo.Host.Cli;

namespace SocketIo.Host;

/// <summary>Routes requests: Engine.IO at its path, the WebSocket echo endpoint, then static files; anything else is 404.</summary>
internal sealed class HostApplication(HostOptions options, StaticFileHandler? staticFiles, EngineIoServer? engineIo = null) : IHttpApplication
{
    private readonly byte[]? _echoPath = options.WebSocketEchoPath is { } path ? System.Text.Encoding.UTF8.GetBytes(path) : null;

    /// <summary>Largest WebSocket message the echo endpoint takes (16 MiB, as Autobahn's biggest cases need).</summary>
    private const long EchoMaxMessageSize = 16 * 1024 * 1024;

    public ValueTask HandleAsync(HttpContext context)
    {
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
