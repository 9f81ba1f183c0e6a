using System.Net;
using System.Runtime.CompilerServices;
using SocketIo.LoadGen.WebSockets;

namespace SocketIo.LoadGen.SocketIo;

/// <summary>
/// A Socket.IO v5 client on the main namespace over the Engine.IO v4 WebSocket transport (no polling
/// first): <see cref="ConnectAsync"/> completes both handshakes, <see cref="ReceiveAsync"/> answers pings
/// and hands back every other packet as raw text.
/// </summary>
internal sealed class SioWebSocket : IDisposable
{
    private static readonly ReadOnlyMemory<byte> PongBytes = SioPacket.Pong.ToArray();
    private readonly WebSocketClient _socket;
    private readonly SemaphoreSlim? _sendLock;

    private SioWebSocket(WebSocketClient socket, bool concurrentSends)
    {
        _socket = socket;
        _sendLock = concurrentSends ? new SemaphoreSlim(1, 1) : null;
    }

    /// <summary>
    /// Connects (from <paramref name="localEndPoint"/> when given), reads the open packet, sends CONNECT and
    /// waits for its answer. <paramref name="concurrentSends"/> adds a lock so one task may send while
    /// another receives and answers pings.
    /// </summary>
    public static async Task<SioWebSocket> ConnectAsync(SioEndpoint endpoint, IPEndPoint? localEndPoint, int bufferSize, bool concurrentSends, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var socket = await WebSocketClient.ConnectAsync(endpoint.WebSocketUrl, localEndPoint, bufferSize: bufferSize, cancellationToken: cancellationToken).ConfigureAwait(false);
        var client = new SioWebSocket(socket, concurrentSends);
        try
        {
            var open = await client.ReceiveAsync(cancellationToken).ConfigureAwait(false);
            if (!SioPacket.IsOpen(open.Span))
            {
                throw new InvalidDataException("expected the Engine.IO open packet first");
            }

            await client.SendAsync(SioPacket.Connect.ToArray(), cancellationToken).ConfigureAwait(false);
            while (!SioPacket.IsConnected((await client.ReceiveAsync(cancellationToken).ConfigureAwait(false)).Span))
            {
                // Anything before the CONNECT answer (none expected) is skipped.
            }

            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    /// <summary>The WebSocket underneath, for a caller that takes over receiving from its socket.</summary>
    public WebSocketClient WebSocket => _socket;

    /// <summary>Sends one text packet (copied into the socket's send buffer).</summary>
    public async ValueTask SendAsync(ReadOnlyMemory<byte> packet, CancellationToken cancellationToken)
    {
        if (_sendLock is null)
        {
            await _socket.SendTextAsync(packet.Span, cancellationToken).ConfigureAwait(false);
            return;
        }

        await _sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _socket.SendTextAsync(packet.Span, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>
    /// The next packet other than a ping (pings are answered on the way). The bytes are valid until the next
    /// call. Throws <see cref="InvalidDataException"/> when the connection ends or a binary frame arrives.
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<ReadOnlyMemory<byte>> ReceiveAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var message = await _socket.ReceiveAsync(cancellationToken).ConfigureAwait(false);
            if (message.Kind != WebSocketMessageKind.Text)
            {
                throw new InvalidDataException(message.Kind is WebSocketMessageKind.Binary
                    ? "unexpected binary frame"
                    : $"server ended the connection (code {message.CloseCode})");
            }

            if (!message.Payload.Span.SequenceEqual(SioPacket.Ping))
            {
                return message.Payload;
            }

            await SendAsync(PongBytes, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Closes the WebSocket politely, waiting at most <paramref name="timeout"/>.</summary>
    public Task CloseAsync(TimeSpan timeout) => _socket.CloseAsync(timeout);

    /// <inheritdoc />
    public void Dispose()
    {
        _socket.Dispose();
        _sendLock?.Dispose();
    }
}
