using System.Buffers;
using System.Net.WebSockets;

namespace SocketIo.Bench.KestrelEcho;

/// <summary>Sends every WebSocket message back as it came, from one pooled buffer per connection.</summary>
internal static class EchoEndpoint
{
    private const int InitialBufferSize = 16 * 1024;
    private const int MaxMessageSize = 16 * 1024 * 1024;

    public static async Task HandleAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        var buffer = ArrayPool<byte>.Shared.Rent(InitialBufferSize);
        try
        {
            var aborted = context.RequestAborted;
            while (true)
            {
                var count = 0;
                ValueWebSocketReceiveResult result;
                do
                {
                    if (count == buffer.Length)
                    {
                        buffer = Grow(buffer);
                    }

                    result = await socket.ReceiveAsync(buffer.AsMemory(count), aborted);
                    count += result.Count;
                }
                while (!result.EndOfMessage);

                if (result.MessageType == WebSocketMessageType.Close)
                {
                    await socket.CloseOutputAsync(socket.CloseStatus ?? WebSocketCloseStatus.NormalClosure, null, aborted);
                    return;
                }

                await socket.SendAsync(buffer.AsMemory(0, count), result.MessageType, endOfMessage: true, aborted);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
            // The client went away without a close handshake: nothing to answer.
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static byte[] Grow(byte[] buffer)
    {
        if (buffer.Length >= MaxMessageSize)
        {
            throw new WebSocketException(WebSocketError.Faulted, "message too big");
        }

        var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
        buffer.CopyTo(larger, 0);
        ArrayPool<byte>.Shared.Return(buffer);
        return larger;
    }
}
