using System.Net;
using System.Net.Sockets;
using System.Text;

namespace SocketIo.LoadGen.SocketIo;

/// <summary>
/// Engine.IO long-polling over one raw HTTP/1.1 keep-alive connection: requests are sequential (a POST is
/// only sent while no GET is pending), which a closed-loop client needs and which halves the sockets.
/// Responses must carry Content-Length (chunked bodies are refused).
/// </summary>
internal sealed class PollingHttpClient : IDisposable
{
    private static readonly byte[] HeaderEnd = "\r\n\r\n"u8.ToArray();
    private readonly Socket _socket;
    private readonly string _host;
    private byte[] _buffer = new byte[4096];
    private byte[] _request = new byte[1024];
    private int _start;
    private int _end;
    private byte[] _getHead = [];
    private string _postHeadStart = "";

    private PollingHttpClient(Socket socket, string host)
    {
        _socket = socket;
        _host = host;
    }

    /// <summary>The session id, once <see cref="OpenAsync"/> has read it.</summary>
    public string? Sid { get; private set; }

    /// <summary>Connects and completes the Engine.IO handshake and the Socket.IO CONNECT over polling.</summary>
    public static async Task<PollingHttpClient> OpenAsync(SioEndpoint endpoint, IPEndPoint? localEndPoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var address = IPAddress.Parse(endpoint.Host);
        var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        var client = new PollingHttpClient(socket, $"{endpoint.Host}:{endpoint.Port}");
        try
        {
            if (localEndPoint is not null)
            {
                socket.Bind(localEndPoint);
            }

            await socket.ConnectAsync(new IPEndPoint(address, endpoint.Port), cancellationToken).ConfigureAwait(false);
            client._getHead = Encoding.ASCII.GetBytes($"GET {endpoint.PollingPath} HTTP/1.1\r\nHost: {client._host}\r\n\r\n");
            var open = await client.GetAsync(cancellationToken).ConfigureAwait(false);
            client.Sid = SioPacket.IsOpen(open.Span) ? SioPacket.ReadSid(open.Span) : null;
            if (client.Sid is null)
            {
                throw new InvalidDataException("expected the Engine.IO open packet with a sid");
            }

            var path = $"{endpoint.PollingPath}&sid={client.Sid}";
            client._getHead = Encoding.ASCII.GetBytes($"GET {path} HTTP/1.1\r\nHost: {client._host}\r\n\r\n");
            client._postHeadStart = $"POST {path} HTTP/1.1\r\nHost: {client._host}\r\nContent-Type: text/plain;charset=UTF-8\r\nContent-Length: ";
            await client.PostAsync(SioPacket.Connect.ToArray(), cancellationToken).ConfigureAwait(false);
            while (!SplitContains(await client.GetAsync(cancellationToken).ConfigureAwait(false), "40{"u8))
            {
                // Wait for the CONNECT answer.
            }

            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    /// <summary>Long-polls once; returns the body (packets separated by 0x1E), valid until the next request.</summary>
    public async ValueTask<ReadOnlyMemory<byte>> GetAsync(CancellationToken cancellationToken)
    {
        await SendAllAsync(_getHead, cancellationToken).ConfigureAwait(false);
        return await ReadResponseAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Posts <paramref name="body"/> (packets separated by 0x1E); throws unless the server says ok.</summary>
    public async ValueTask PostAsync(ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        var head = _postHeadStart.Length + 20 + 4;
        if (_request.Length < head + body.Length)
        {
            _request = new byte[head + body.Length];
        }

        var length = Encoding.ASCII.GetBytes(_postHeadStart, _request);
        length += SioPacket.WriteNumber(_request.AsSpan(length), body.Length);
        "\r\n\r\n"u8.CopyTo(_request.AsSpan(length));
        length += 4;
        body.Span.CopyTo(_request.AsSpan(length));
        await SendAllAsync(_request.AsMemory(0, length + body.Length), cancellationToken).ConfigureAwait(false);
        var answer = await ReadResponseAsync(cancellationToken).ConfigureAwait(false);
        if (!answer.Span.SequenceEqual("ok"u8))
        {
            throw new InvalidDataException($"POST answered '{Encoding.UTF8.GetString(answer.Span)}'");
        }
    }

    /// <summary>True when one of the 0x1E-separated packets in <paramref name="body"/> starts with <paramref name="prefix"/>.</summary>
    public static bool SplitContains(ReadOnlyMemory<byte> body, ReadOnlySpan<byte> prefix)
    {
        foreach (var range in body.Span.Split((byte)0x1E))
        {
            if (body.Span[range].StartsWith(prefix))
            {
                return true;
            }
        }

        return false;
    }

    /// <inheritdoc />
    public void Dispose() => _socket.Dispose();

    private async ValueTask<ReadOnlyMemory<byte>> ReadResponseAsync(CancellationToken cancellationToken)
    {
        int headEnd;
        while ((headEnd = _buffer.AsSpan(_start, _end - _start).IndexOf(HeaderEnd)) < 0)
        {
            await FillAsync(cancellationToken).ConfigureAwait(false);
        }

        var head = _buffer.AsSpan(_start, headEnd);
        if (!head.StartsWith("HTTP/1.1 200"u8))
        {
            var line = head.IndexOf("\r\n"u8);
            throw new InvalidDataException($"HTTP answer '{Encoding.ASCII.GetString(line < 0 ? head : head[..line])}'");
        }

        var contentLength = ReadContentLength(head);
        var bodyStart = _start + headEnd + HeaderEnd.Length;
        while (_end - bodyStart < contentLength)
        {
            if (_buffer.Length - _start < bodyStart - _start + contentLength)
            {
                Compact(bodyStart - _start + contentLength, ref bodyStart);
            }

            await FillAsync(cancellationToken).ConfigureAwait(false);
        }

        var body = _buffer.AsMemory(bodyStart, contentLength);
        _start = bodyStart + contentLength;
        if (_start == _end)
        {
            _start = _end = 0;
        }

        return body;
    }

    private static int ReadContentLength(ReadOnlySpan<byte> head)
    {
        foreach (var range in head.Split("\r\n"u8))
        {
            var line = head[range];
            var colon = line.IndexOf((byte)':');
            if (colon > 0 && Ascii.EqualsIgnoreCase(line[..colon], "content-length"u8) &&
                int.TryParse(Encoding.ASCII.GetString(line[(colon + 1)..]).Trim(), out var length))
            {
                return length;
            }
        }

        throw new InvalidDataException("response without Content-Length");
    }

    private async ValueTask FillAsync(CancellationToken cancellationToken)
    {
        if (_end == _buffer.Length)
        {
            var dummy = 0;
            Compact(_buffer.Length, ref dummy);
        }

        var received = await _socket.ReceiveAsync(_buffer.AsMemory(_end), SocketFlags.None, cancellationToken).ConfigureAwait(false);
        if (received == 0)
        {
            throw new InvalidDataException("server closed the HTTP connection");
        }

        _end += received;
    }

    // Moves the unread bytes to the front (growing when `needed` does not fit) and shifts `position` with them.
    private void Compact(int needed, ref int position)
    {
        var buffered = _end - _start;
        var target = needed < _buffer.Length && buffered < _buffer.Length ? _buffer : new byte[Math.Max(needed, _buffer.Length) * 2];
        _buffer.AsSpan(_start, buffered).CopyTo(target);
        position -= _start;
        _buffer = target;
        _start = 0;
        _end = buffered;
    }

    private async ValueTask SendAllAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        while (!data.IsEmpty)
        {
            var sent = await _socket.SendAsync(data, SocketFlags.None, cancellationToken).ConfigureAwait(false);
            data = data[sent..];
        }
    }
}
