using System.Buffers;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SocketIo.Engine.Buffers;
using SocketIo.Engine.Transport;
using SocketIo.Engine.WebSockets;
using SocketIo.Protocol.Http;

namespace SocketIo.Engine.Http;

/// <summary>
/// The HTTP/1.1 request loop of a connection: parses each request head and body from the input pipe, hands
/// the request to the application, answers protocol errors itself, and runs the WebSocket message loop when
/// the application upgraded the connection. One request at a time per connection, so responses leave in
/// request order however the requests were pipelined.
/// </summary>
internal sealed class HttpConnectionHandler : IConnectionHandler
{
    private readonly IHttpApplication _application;
    private readonly HttpServerOptions _options;
    private readonly HttpRequestParser _parser;
    private readonly HttpDateHeader _date = new();
    private readonly ILogger _logger;

    /// <summary>Creates the handler for <paramref name="application"/>.</summary>
    public HttpConnectionHandler(IHttpApplication application, HttpServerOptions options, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(application);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _application = application;
        _options = options;
        _parser = new HttpRequestParser(options.Parser);
        _logger = logger ?? NullLogger.Instance;
    }

    /// <inheritdoc />
    /// <remarks>
    /// Hands the connection over to the WebSocket a request upgraded to, so the request context, its head buffers
    /// and this loop's state machine are garbage while the (mostly idle) WebSocket lives.
    /// </remarks>
    public ValueTask<IConnectionHandler?> OnConnectedAsync(TransportConnection connection) => new(ServeRequestsAsync(connection));

    /// <summary>Serves requests until the connection should end, or returns the WebSocket a request upgraded to.</summary>
    private async Task<IConnectionHandler?> ServeRequestsAsync(TransportConnection connection)
    {
        var context = new HttpContext(connection, _options, _date);
        var body = new GrowableBuffer();
        var input = connection.Input;
        try
        {
            connection.SetDeadline(_options.RequestHeadersTimeout);
            var first = true;
            while (connection.CloseReason == ConnectionCloseReason.None)
            {
                if (!await ReadRequestAsync(connection, input, context, body, first).ConfigureAwait(false))
                {
                    return null;
                }

                first = false;
                await RunApplicationAsync(context, input).ConfigureAwait(false);
                if (!context.HasResponded)
                {
                    context.Respond(404, "text/plain"u8, "Not Found"u8);
                }

                if (context.WebSocket is { } webSocket)
                {
                    return webSocket;
                }

                if (context.CloseAfterResponse || connection.ShutdownRequested.IsCancellationRequested)
                {
                    return null;
                }

                context.Reset();
                body.Reset();
                connection.SetDeadline(_options.KeepAliveTimeout);
            }

            return null;
        }
        finally
        {
            context.Request.ReleaseBuffer();
            body.Dispose();
        }
    }

    /// <summary>
    /// Reads one complete request (head and body) into <paramref name="context"/>. Returns false when the
    /// connection should end: the peer closed, or a protocol error was answered.
    /// </summary>
    // Pooled: each call suspends once per request while waiting for bytes, and an unpooled ValueTask
    // state machine would allocate a box (about 200 B) per request.
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<bool> ReadRequestAsync(TransportConnection connection, PipeReader input, HttpContext context, GrowableBuffer body, bool first)
    {
        var headStarted = first;
        while (true)
        {
            var result = await input.ReadAsync().ConfigureAwait(false);
            var buffer = result.Buffer;
            if (!headStarted && !buffer.IsEmpty)
            {
                // The keep-alive idle deadline becomes the request deadline once the next request begins.
                headStarted = true;
                connection.SetDeadline(_options.RequestHeadersTimeout);
            }

            var status = _parser.Parse(buffer, context.Request, out var consumed, out var error);
            if (status == HttpParseStatus.Done)
            {
                input.AdvanceTo(consumed);
                break;
            }

            if (status == HttpParseStatus.Error)
            {
                input.AdvanceTo(buffer.End);
                RespondToError(context, error.ToStatusCode());
                return false;
            }

            input.AdvanceTo(buffer.Start, buffer.End);
            if (result.IsCompleted || result.IsCanceled)
            {
                return false;
            }
        }

        context.CloseAfterResponse = !context.Request.KeepAlive;
        return await ReadBodyAsync(input, context, body).ConfigureAwait(false);
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<bool> ReadBodyAsync(PipeReader input, HttpContext context, GrowableBuffer body)
    {
        var head = context.Request;
        var limit = _options.Parser.MaxRequestBodySize;
        if (head.Framing == HttpBodyFraming.None || (head.Framing == HttpBodyFraming.ContentLength && head.ContentLength == 0))
        {
            context.Body = ReadOnlySequence<byte>.Empty;
            return true;
        }

        if (head.Framing == HttpBodyFraming.ContentLength && head.ContentLength > limit)
        {
            // The body is not drained, so the connection cannot be reused (RFC 9110 §15.5.14).
            RespondToError(context, 413);
            return false;
        }

        if (head.ExpectContinue)
        {
            context.Connection.Write("HTTP/1.1 100 Continue\r\n\r\n"u8);
        }

        var contentLength = new HttpContentLengthReader(Math.Max(0, head.ContentLength));
        var chunked = new HttpChunkedDecoder(_options.Parser);
        while (true)
        {
            var result = await input.ReadAsync().ConfigureAwait(false);
            var reader = new SequenceReader<byte>(result.Buffer);
            var status = head.Framing == HttpBodyFraming.Chunked
                ? chunked.CopyTo(ref reader, body)
                : contentLength.CopyTo(ref reader, body);
            if (status == HttpBodyStatus.Done)
            {
                // Examine only what the body used: bytes after it are the next (pipelined) request, and marking
                // them examined would make the next read wait for more data that may never come.
                input.AdvanceTo(reader.Position);
                context.Body = new ReadOnlySequence<byte>(body.WrittenMemory);
                return true;
            }

            input.AdvanceTo(reader.Position, result.Buffer.End);
            if (status == HttpBodyStatus.Error)
            {
                RespondToError(context, chunked.Error.ToStatusCode());
                return false;
            }

            if (result.IsCompleted || result.IsCanceled)
            {
                return false;
            }
        }
    }

    /// <summary>
    /// Runs the application. A request it holds (a long-polling GET) is watched meanwhile: if the client goes
    /// away, <see cref="HttpContext.RequestAborted"/> fires. Bytes of a pipelined next request stay in the pipe.
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask RunApplicationAsync(HttpContext context, PipeReader input)
    {
        context.Connection.ClearDeadline();
        ValueTask handling;

        // What the synchronous part of the application sends (this response, a held poll it completes on
        // another connection) is written when it returns, each connection's share in one send (see SendBatch).
        SendBatch.Begin();
        try
        {
            handling = _application.HandleAsync(context);
            if (handling.IsCompletedSuccessfully)
            {
                handling.GetAwaiter().GetResult();
                return;
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Thrown before returning a task: answer 500 like a failed task, instead of aborting the connection.
            handling = ValueTask.FromException(ex);
        }
        finally
        {
            SendBatch.End();
        }

        var task = handling.AsTask();
        var watching = WatchForDisconnectAsync(context, input);
        try
        {
            await task.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            HttpLog.ApplicationFailed(_logger, context.Connection.Id, ex);
            if (!context.HasResponded)
            {
                context.CloseAfterResponse = true;
                context.Respond(500, "text/plain"u8, "Internal Server Error"u8);
            }
        }
        finally
        {
            input.CancelPendingRead();
            if (!await watching.ConfigureAwait(false))
            {
                // The watcher stopped before the cancellation: consume it here, or the request loop's next read
                // would come back cancelled and end the connection.
                var pending = await input.ReadAsync().ConfigureAwait(false);
                input.AdvanceTo(pending.Buffer.Start);
            }
        }
    }

    /// <summary>
    /// Waits for the peer to leave while the application holds the request; true when it ended by seeing the
    /// cancellation <see cref="RunApplicationAsync"/> sends once the application finished. Bytes that arrive
    /// meanwhile are a pipelined next request: they are left unexamined (examined positions cannot move back, and
    /// examining them would make the request loop's next read wait for more data), and watching stops.
    /// </summary>
    private static async Task<bool> WatchForDisconnectAsync(HttpContext context, PipeReader input)
    {
        var result = await input.ReadAsync().ConfigureAwait(false);
        input.AdvanceTo(result.Buffer.Start);
        if (result.IsCanceled)
        {
            return true;
        }

        if (result.IsCompleted)
        {
            context.Abort();
        }

        return false;
    }

    private void RespondToError(HttpContext context, int statusCode)
    {
        HttpLog.BadRequest(_logger, context.Connection.Id, statusCode);
        context.CloseAfterResponse = true;
        context.Respond(statusCode, "text/plain"u8, HttpReasonPhrases.Get(statusCode));
    }
}
