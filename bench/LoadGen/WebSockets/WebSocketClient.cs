using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;

namespace SocketIo.LoadGen.WebSockets;

/// <summary>
/// A lean WebSocket client over a raw <see cref="Socket"/> (no ClientWebSocket, no streams), so that many
/// clients cost the load generator little CPU and nothing per message: one receive buffer, one send buffer,
/// pooled async state machines.
/// </summary>
/// <remarks>
/// Thread safety: at most one send and one receive at a time. Pings are answered from inside
/// <see cref="ReceiveAsync"/> through the send path, so a caller that sends concurrently with receiving
/// must not expect the server to ping (Engine.IO pings are application messages and are fine).
/// </remarks>
internal sealed class WebSocketClient : IDisposable
{
    private const int InitialBufferSize = 16 * 1024;
    private const int MaxHandshakeResponse = 8 * 1024;
    private static readonly byte[] HeaderEnd = "\r\n\r\n"u8.ToArray();

    private readonly Socket _socket;
    private readonly long _maxMessageSize;
    private byte[] _receive;
    private int _start;
    private int _end;
    private byte[] _send;
    private readonly byte[] _control = new byte[WebSocketClientFrame.MaxHeaderLength + 125];
    private byte[]? _fragments;
    private int _fragmentLength;
    private WebSocketOpcode _fragmentOpcode; // Continuation while no fragmented message is open
    private int _pendingHeaderLength;
    private int _pendingPayloadLength;
    private uint _maskState;
    private bool _closeSent;

    private WebSocketClient(Socket socket, long maxMessageSize, int bufferSize)
    {
        _socket = socket;
        _receive = new byte[bufferSize];
        _send = new byte[bufferSize];
        _maxMessageSize = maxMessageSize;
        _maskState = (uint)Random.Shared.Next() | 1;
    }

    /// <summary>True once this side sent a Close frame.</summary>
    public bool CloseSent => _closeSent;

    /// <summary>
    /// The TCP socket, for a caller that takes over receiving (see <see cref="TakeBuffered"/>) and parses
    /// frames itself; sends still go through this client.
    /// </summary>
    public Socket Socket => _socket;

    /// <summary>
    /// Moves the bytes received but not yet returned as messages into <paramref name="destination"/> and
    /// forgets them; returns their count. Called once by a caller that receives from <see cref="Socket"/>
    /// directly from then on.
    /// </summary>
    public int TakeBuffered(Span<byte> destination)
    {
        var buffered = _end - _start;
        if (destination.Length < buffered)
        {
            throw new ArgumentException("destination too small for the buffered bytes", nameof(destination));
        }

        _receive.AsSpan(_start, buffered).CopyTo(destination);
        _start = _end = 0;
        return buffered;
    }

    /// <summary>
    /// Connects over TCP to <paramref name="uri"/> (ws:// only), optionally from
    /// <paramref name="localEndPoint"/> (to spread source addresses over 127.0.0.x), and completes the
    /// opening handshake. <paramref name="extraHeaders"/> are written as-is (each line ending in CRLF).
    /// <paramref name="bufferSize"/> is the initial size of each of the two buffers (they grow for larger
    /// frames): small for tens of thousands of mostly idle clients.
    /// </summary>
    public static async Task<WebSocketClient> ConnectAsync(Uri uri, IPEndPoint? localEndPoint = null, string? extraHeaders = null, long maxMessageSize = 16 * 1024 * 1024, int bufferSize = InitialBufferSize, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(uri);
        if (uri.Scheme != "ws")
        {
            throw new ArgumentException("only ws:// URLs are supported", nameof(uri));
        }

        var address = IPAddress.TryParse(uri.Host.Trim('[', ']'), out var parsed)
            ? parsed
            : (await Dns.GetHostAddressesAsync(uri.Host, cancellationToken).ConfigureAwait(false))[0];
        var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            if (localEndPoint is not null)
            {
                socket.Bind(localEndPoint);
            }

            await socket.ConnectAsync(new IPEndPoint(address, uri.Port), cancellationToken).ConfigureAwait(false);
            var client = new WebSocketClient(socket, maxMessageSize, Math.Max(bufferSize, 256));
            await client.HandshakeAsync(uri, extraHeaders, cancellationToken).ConfigureAwait(false);
            return client;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Reserves room for a message of <paramref name="payloadLength"/> bytes and returns the span to write the
    /// payload into; <see cref="SendPreparedAsync"/> then masks and sends it. Lets callers encode straight
    /// into the send buffer without a copy.
    /// </summary>
    public Span<byte> PrepareMessage(int payloadLength)
    {
        var headerLength = WebSocketClientFrame.GetMaskedHeaderLength(payloadLength);
        if (_send.Length < headerLength + payloadLength)
        {
            _send = new byte[Math.Max(headerLength + payloadLength, _send.Length * 2)];
        }

        _pendingHeaderLength = headerLength;
        _pendingPayloadLength = payloadLength;
        return _send.AsSpan(headerLength, payloadLength);
    }

    /// <summary>Masks and sends the message written into the span <see cref="PrepareMessage"/> returned.</summary>
    public ValueTask SendPreparedAsync(WebSocketOpcode opcode, CancellationToken cancellationToken = default)
    {
        var headerLength = _pendingHeaderLength;
        var payloadLength = _pendingPayloadLength;
        var written = WebSocketClientFrame.WriteMaskedHeader(_send, opcode, payloadLength, NextMaskKey());
        WebSocketClientFrame.Mask(_send.AsSpan(headerLength, payloadLength), _send.AsSpan(written - 4, 4));
        return SendAllAsync(_send.AsMemory(0, headerLength + payloadLength), cancellationToken);
    }

    /// <summary>Sends <paramref name="payload"/> as one text message.</summary>
    public ValueTask SendTextAsync(ReadOnlySpan<byte> payload, CancellationToken cancellationToken = default)
    {
        payload.CopyTo(PrepareMessage(payload.Length));
        return SendPreparedAsync(WebSocketOpcode.Text, cancellationToken);
    }

    /// <summary>Sends <paramref name="payload"/> as one binary message.</summary>
    public ValueTask SendBinaryAsync(ReadOnlySpan<byte> payload, CancellationToken cancellationToken = default)
    {
        payload.CopyTo(PrepareMessage(payload.Length));
        return SendPreparedAsync(WebSocketOpcode.Binary, cancellationToken);
    }

    /// <summary>Sends a Close frame with <paramref name="code"/> (once; later calls do nothing).</summary>
    public ValueTask SendCloseAsync(ushort code = 1000, CancellationToken cancellationToken = default)
    {
        if (_closeSent)
        {
            return ValueTask.CompletedTask;
        }

        _closeSent = true;
        Span<byte> body = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(body, code);
        return SendControlAsync(WebSocketOpcode.Close, body, cancellationToken);
    }

    /// <summary>
    /// Receives the next data message (fragments joined), a Close, or the end of the connection. Pings are
    /// answered and pongs skipped on the way. Throws <see cref="InvalidDataException"/> when the server breaks
    /// the protocol.
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<WebSocketMessage> ReceiveAsync(CancellationToken cancellationToken = default)
    {
        while (true)
        {
            if (WebSocketClientFrame.TryReadServerHeader(_receive.AsSpan(_start, _end - _start), out var header))
            {
                var total = header.HeaderLength + header.PayloadLength;
                if (header.PayloadLength > _maxMessageSize)
                {
                    throw new InvalidDataException($"server frame of {header.PayloadLength} bytes is over the limit");
                }

                if (_end - _start >= total)
                {
                    var payloadStart = _start + header.HeaderLength;
                    var payload = _receive.AsMemory(payloadStart, (int)header.PayloadLength);
                    _start += (int)total;
                    if (_start == _end)
                    {
                        _start = _end = 0;
                    }

                    var message = await OnFrameAsync(header, payload, cancellationToken).ConfigureAwait(false);
                    if (message is { } complete)
                    {
                        return complete;
                    }

                    continue;
                }

                EnsureRoom((int)total);
            }
            else
            {
                EnsureRoom(WebSocketClientFrame.MaxHeaderLength);
            }

            var received = await _socket.ReceiveAsync(_receive.AsMemory(_end), SocketFlags.None, cancellationToken).ConfigureAwait(false);
            if (received == 0)
            {
                return new WebSocketMessage(WebSocketMessageKind.Disconnected, default, 1006);
            }

            _end += received;
        }
    }

    /// <summary>
    /// Sends Close (if not sent yet) and reads until the server's Close or the end of the connection, at most
    /// <paramref name="timeout"/>. Never throws for a connection that is already gone.
    /// </summary>
    public async Task CloseAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await SendCloseAsync(1000, cts.Token).ConfigureAwait(false);
            while (true)
            {
                var message = await ReceiveAsync(cts.Token).ConfigureAwait(false);
                if (message.Kind is WebSocketMessageKind.Close or WebSocketMessageKind.Disconnected)
                {
                    return;
                }
            }
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException or InvalidDataException or ObjectDisposedException)
        {
            // Gone or too slow: the socket is disposed next either way.
        }
    }

    /// <inheritdoc />
    public void Dispose() => _socket.Dispose();

    private async Task HandshakeAsync(Uri uri, string? extraHeaders, CancellationToken cancellationToken)
    {
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        var request = $"GET {uri.PathAndQuery} HTTP/1.1\r\nHost: {uri.Authority}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n{extraHeaders}\r\n";
        await SendAllAsync(Encoding.ASCII.GetBytes(request), cancellationToken).ConfigureAwait(false);

        int headEnd;
        while ((headEnd = _receive.AsSpan(0, _end).IndexOf(HeaderEnd)) < 0)
        {
            if (_end >= MaxHandshakeResponse)
            {
                throw new InvalidDataException("handshake response head too long");
            }

            if (_end == _receive.Length)
            {
                Array.Resize(ref _receive, _receive.Length * 2);
            }

            var received = await _socket.ReceiveAsync(_receive.AsMemory(_end), SocketFlags.None, cancellationToken).ConfigureAwait(false);
            if (received == 0)
            {
                throw new InvalidDataException("connection closed during the handshake");
            }

            _end += received;
        }

        var head = Encoding.ASCII.GetString(_receive, 0, headEnd);
        if (!head.StartsWith("HTTP/1.1 101", StringComparison.Ordinal))
        {
            throw new InvalidDataException($"handshake refused: {head.Split("\r\n")[0]}");
        }

        var expected = Convert.ToBase64String(SHA1.HashData(Encoding.ASCII.GetBytes(key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11")));
        var accepted = head.Split("\r\n").Any(line =>
            line.StartsWith("Sec-WebSocket-Accept:", StringComparison.OrdinalIgnoreCase) &&
            line["Sec-WebSocket-Accept:".Length..].Trim() == expected);
        if (!accepted)
        {
            throw new InvalidDataException("handshake response has a wrong or missing Sec-WebSocket-Accept");
        }

        // Frames that arrived with the response head stay in the buffer.
        _start = headEnd + HeaderEnd.Length;
        if (_start == _end)
        {
            _start = _end = 0;
        }
    }

    private async ValueTask<WebSocketMessage?> OnFrameAsync(WebSocketFrameHeader header, Memory<byte> payload, CancellationToken cancellationToken)
    {
        switch (header.Opcode)
        {
            case WebSocketOpcode.Text or WebSocketOpcode.Binary:
                if (_fragmentOpcode != WebSocketOpcode.Continuation)
                {
                    throw new InvalidDataException("new data frame while a fragmented message is open");
                }

                if (header.Fin)
                {
                    return new WebSocketMessage(header.Opcode == WebSocketOpcode.Text ? WebSocketMessageKind.Text : WebSocketMessageKind.Binary, payload);
                }

                _fragmentOpcode = header.Opcode;
                _fragmentLength = 0;
                AppendFragment(payload.Span);
                return null;
            case WebSocketOpcode.Continuation:
                if (_fragmentOpcode == WebSocketOpcode.Continuation)
                {
                    throw new InvalidDataException("continuation frame without a message to continue");
                }

                AppendFragment(payload.Span);
                if (!header.Fin)
                {
                    return null;
                }

                var kind = _fragmentOpcode == WebSocketOpcode.Text ? WebSocketMessageKind.Text : WebSocketMessageKind.Binary;
                _fragmentOpcode = WebSocketOpcode.Continuation;
                return new WebSocketMessage(kind, _fragments.AsMemory(0, _fragmentLength));
            case WebSocketOpcode.Ping:
                await SendControlAsync(WebSocketOpcode.Pong, payload.Span, cancellationToken).ConfigureAwait(false);
                return null;
            case WebSocketOpcode.Pong:
                return null;
            case WebSocketOpcode.Close:
                var code = payload.Length >= 2 ? BinaryPrimitives.ReadUInt16BigEndian(payload.Span) : (ushort)1005;
                if (!_closeSent)
                {
                    // Echo the code as RFC 6455 §5.5.1 asks (1005 is never sent on the wire).
                    await SendCloseAsync(code == 1005 ? (ushort)1000 : code, cancellationToken).ConfigureAwait(false);
                }

                return new WebSocketMessage(WebSocketMessageKind.Close, payload, code);
            default:
                throw new InvalidDataException($"reserved opcode {(int)header.Opcode}");
        }
    }

    private void AppendFragment(ReadOnlySpan<byte> data)
    {
        if (_fragmentLength + (long)data.Length > _maxMessageSize)
        {
            throw new InvalidDataException("fragmented message over the limit");
        }

        _fragments ??= new byte[InitialBufferSize];
        if (_fragments.Length < _fragmentLength + data.Length)
        {
            Array.Resize(ref _fragments, Math.Max(_fragmentLength + data.Length, _fragments.Length * 2));
        }

        data.CopyTo(_fragments.AsSpan(_fragmentLength));
        _fragmentLength += data.Length;
    }

    // Makes room for at least `needed` bytes from _start: compacts first, grows only when a frame is bigger.
    private void EnsureRoom(int needed)
    {
        if (_receive.Length - _start >= needed && _end < _receive.Length)
        {
            return;
        }

        var buffered = _end - _start;
        var target = _receive.Length >= needed ? _receive : new byte[Math.Max(needed, _receive.Length * 2)];
        _receive.AsSpan(_start, buffered).CopyTo(target);
        _receive = target;
        _start = 0;
        _end = buffered;
    }

    private ValueTask SendControlAsync(WebSocketOpcode opcode, ReadOnlySpan<byte> body, CancellationToken cancellationToken)
    {
        var written = WebSocketClientFrame.WriteMaskedHeader(_control, opcode, body.Length, NextMaskKey());
        body.CopyTo(_control.AsSpan(written));
        WebSocketClientFrame.Mask(_control.AsSpan(written, body.Length), _control.AsSpan(written - 4, 4));
        return SendAllAsync(_control.AsMemory(0, written + body.Length), cancellationToken);
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask SendAllAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        while (!data.IsEmpty)
        {
            var sent = await _socket.SendAsync(data, SocketFlags.None, cancellationToken).ConfigureAwait(false);
            data = data[sent..];
        }
    }

    // xorshift32: unpredictable enough for masking (§10.3 is about proxies, not secrecy) and free per frame.
    private uint NextMaskKey()
    {
        var x = _maskState;
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        _maskState = x;
        return x;
    }
}
