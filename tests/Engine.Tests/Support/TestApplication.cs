using System.Buffers;
using System.Globalization;
using System.Text;
using System.Threading.Channels;
using SocketIo.Engine.Http;
using SocketIo.Engine.WebSockets;

namespace SocketIo.Engine.Tests.Support;

/// <summary>
/// The application every network test runs: WebSocket echo at <c>/echo</c>, a scriptable WebSocket at
/// <c>/ws-cmd</c>, a few HTTP routes that expose what the server saw, and static files for everything else.
/// </summary>
internal sealed class TestApplication(StaticFileHandler staticFiles) : IHttpApplication
{
    /// <summary>Largest WebSocket message the test endpoints take (as the Host's echo).</summary>
    public const long MaxMessageSize = 16 * 1024 * 1024;

    private readonly RecordingEchoHandler _echo = new();

    /// <summary>Close codes reported by <see cref="IWebSocketHandler.OnClosed"/>, in order.</summary>
    public ChannelReader<ushort> ClosedCodes => _echo.Closed.Reader;

    /// <summary>Completes when a <c>/hold</c> or <c>/hold-until-shutdown</c> request is being held.</summary>
    public TaskCompletionSource Held { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when a held <c>/hold</c> request saw <see cref="HttpContext.RequestAborted"/>.</summary>
    public TaskCompletionSource HoldAborted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ValueTask HandleAsync(HttpContext context)
    {
        var path = Encoding.ASCII.GetString(context.Request.Path);
        switch (path)
        {
            case "/echo":
                context.AcceptWebSocket(_echo, MaxMessageSize);
                return ValueTask.CompletedTask;
            case "/ws-cmd":
                context.AcceptWebSocket(new CommandHandler(_echo), MaxMessageSize);
                return ValueTask.CompletedTask;
            case "/conn":
                context.Respond(200, "text/plain"u8, Encoding.ASCII.GetBytes(context.Connection.Id.ToString(CultureInfo.InvariantCulture)));
                return ValueTask.CompletedTask;
            case "/body":
                var body = context.Body.ToArray();
                context.AddHeader("X-Body-Length"u8, body.Length);
                context.Respond(200, "application/octet-stream"u8, body);
                return ValueTask.CompletedTask;
            case "/yield":
                return new ValueTask(YieldThenRespondAsync(context));
            case "/throw":
                throw new InvalidOperationException("test route failure");
            case "/hold":
                return new ValueTask(HoldAsync(context));
            case "/hold-until-shutdown":
                return new ValueTask(HoldUntilShutdownAsync(context));
            default:
                staticFiles.TryHandle(context);
                return ValueTask.CompletedTask;
        }
    }

    /// <summary>Answers after an await, so the request loop takes its asynchronous path (watching the input meanwhile).</summary>
    private static async Task YieldThenRespondAsync(HttpContext context)
    {
        await Task.Yield();
        context.Respond(200, "text/plain"u8, "yielded"u8);
    }

    private async Task HoldAsync(HttpContext context)
    {
        Held.TrySetResult();
        await WhenCancelled(context.RequestAborted);
        HoldAborted.TrySetResult();
    }

    private async Task HoldUntilShutdownAsync(HttpContext context)
    {
        Held.TrySetResult();
        await WhenCancelled(context.Connection.ShutdownRequested);
        context.Respond(200, "text/plain"u8, "bye"u8);
    }

    private static Task WhenCancelled(CancellationToken token)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        token.Register(static state => ((TaskCompletionSource)state!).TrySetResult(), done);
        return done.Task;
    }

    /// <summary>The lead's echo handler, plus a record of every close code.</summary>
    private sealed class RecordingEchoHandler : IWebSocketHandler
    {
        public Channel<ushort> Closed { get; } = Channel.CreateUnbounded<ushort>();

        public ValueTask OnMessageAsync(WebSocketConnection connection, bool isText, ReadOnlySequence<byte> payload) =>
            WebSocketEchoHandler.Instance.OnMessageAsync(connection, isText, payload);

        public void OnClosed(WebSocketConnection connection, ushort closeCode) => Closed.Writer.TryWrite(closeCode);
    }

    /// <summary>Echoes, except that the text message <c>close:NNNN</c> makes the server close with code NNNN.</summary>
    private sealed class CommandHandler(RecordingEchoHandler echo) : IWebSocketHandler
    {
        public ValueTask OnMessageAsync(WebSocketConnection connection, bool isText, ReadOnlySequence<byte> payload)
        {
            var text = isText ? Encoding.UTF8.GetString(payload) : "";
            if (text.StartsWith("close:", StringComparison.Ordinal))
            {
                connection.Close(ushort.Parse(text.AsSpan(6), CultureInfo.InvariantCulture), "server says bye"u8);
                return ValueTask.CompletedTask;
            }

            return echo.OnMessageAsync(connection, isText, payload);
        }

        public void OnClosed(WebSocketConnection connection, ushort closeCode) => echo.OnClosed(connection, closeCode);
    }
}
