using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace SocketIo.Engine.Tests.Support;

/// <summary>
/// A plain TCP client for byte-exact HTTP and WebSocket tests: writes raw bytes and parses responses and
/// server frames itself, so nothing on the client side normalises what the server sent. Every read is
/// bounded by <see cref="TestHttpServer.Timeout"/>.
/// </summary>
internal sealed class RawConnection : IDisposable
{
    private readonly Socket _socket;
    private readonly byte[] _buffer = new byte[64 * 1024];
    private int _start;
    private int _end;

    private RawConnection(Socket socket) => _socket = socket;

    public static async Task<RawConnection> OpenAsync(IPEndPoint endpoint)
    {
        var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(endpoint).WaitAsync(TestHttpServer.Timeout);
        return new RawConnection(socket);
    }

    public Task SendAsync(string latin1) => SendAsync(Encoding.Latin1.GetBytes(latin1));

    /// <summary>Sends everything; a server that already closed (after answering an error) is not a failure here.</summary>
    public async Task SendAsync(byte[] bytes)
    {
        try
        {
            await _socket.SendAsync(bytes.AsMemory()).AsTask().WaitAsync(TestHttpServer.Timeout);
        }
        catch (SocketException ex) when (ex.SocketErrorCode is SocketError.ConnectionReset or SocketError.Shutdown or SocketError.ConnectionAborted)
        {
        }
    }

    /// <summary>Reads one response head and its Content-Length body (none for HEAD, 1xx, 204 and 304).</summary>
    public async Task<RawResponse> ReadResponseAsync(bool head = false)
    {
        var end = await FindAsync("\r\n\r\n"u8.ToArray());
        var text = Encoding.Latin1.GetString(_buffer, _start, end - _start);
        _start = end + 4;
        var lines = text.Split("\r\n");
        var statusLine = lines[0].Split(' ', 3);
        Assert.True(statusLine.Length >= 2 && statusLine[0] == "HTTP/1.1", "bad status line: " + lines[0]);
        var status = int.Parse(statusLine[1], CultureInfo.InvariantCulture);
        var headers = new List<KeyValuePair<string, string>>();
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            Assert.True(colon > 0, "bad header line: " + line);
            headers.Add(new(line[..colon], line[(colon + 1)..].Trim()));
        }

        var response = new RawResponse(status, headers, []);
        if (head || status < 200 || status is 204 or 304)
        {
            return response;
        }

        var length = response.Header("Content-Length");
        Assert.NotNull(length);
        return response with { Body = await ReadExactlyAsync(int.Parse(length, CultureInfo.InvariantCulture)) };
    }

    public async Task<byte[]> ReadExactlyAsync(int count)
    {
        var result = new byte[count];
        var copied = 0;
        while (copied < count)
        {
            if (_start == _end && !await FillAsync())
            {
                throw new EndOfStreamException($"The server closed after {copied} of {count} bytes.");
            }

            var n = Math.Min(count - copied, _end - _start);
            _buffer.AsSpan(_start, n).CopyTo(result.AsSpan(copied));
            _start += n;
            copied += n;
        }

        return result;
    }

    /// <summary>
    /// Reads until the server closes the connection (FIN, or a reset after it answered) and returns what
    /// arrived meanwhile; fails if the server keeps it open past the timeout.
    /// </summary>
    public async Task<byte[]> ReadToCloseAsync()
    {
        var rest = new List<byte>(_buffer.AsSpan(_start, _end - _start).ToArray());
        _start = _end = 0;
        while (await FillAsync())
        {
            rest.AddRange(_buffer.AsSpan(_start, _end - _start).ToArray());
            _start = _end = 0;
            Assert.True(rest.Count < 64 * 1024 * 1024, "The server keeps sending.");
        }

        return [.. rest];
    }

    /// <summary>Sends an opening handshake for <paramref name="path"/> and checks the 101 answer.</summary>
    public async Task UpgradeAsync(string path = "/echo")
    {
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        await SendAsync($"GET {path} HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
            $"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n");
        var response = await ReadResponseAsync();
        Assert.Equal(101, response.Status);
        var expected = Convert.ToBase64String(SHA1.HashData(Encoding.ASCII.GetBytes(key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11")));
        Assert.Equal(expected, response.Header("Sec-WebSocket-Accept"));
    }

    /// <summary>Reads one server frame, checking it is unmasked.</summary>
    public async Task<ServerFrame> ReadFrameAsync()
    {
        var header = await ReadExactlyAsync(2);
        Assert.True((header[1] & 0x80) == 0, "A server frame must not be masked.");
        long length = header[1] & 0x7F;
        if (length == 126)
        {
            var extended = await ReadExactlyAsync(2);
            length = (extended[0] << 8) | extended[1];
        }
        else if (length == 127)
        {
            var extended = await ReadExactlyAsync(8);
            length = extended.Aggregate(0L, (value, b) => (value << 8) | b);
        }

        return new ServerFrame(header[0], await ReadExactlyAsync(checked((int)length)));
    }

    public void Dispose() => _socket.Dispose();

    private async Task<int> FindAsync(byte[] marker)
    {
        while (true)
        {
            var index = _buffer.AsSpan(_start, _end - _start).IndexOf(marker);
            if (index >= 0)
            {
                return _start + index;
            }

            if (!await FillAsync())
            {
                throw new EndOfStreamException("The server closed before a complete response head.");
            }
        }
    }

    /// <summary>Receives more bytes; false once the server closed (FIN or reset).</summary>
    private async Task<bool> FillAsync()
    {
        if (_start > 0)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _end -= _start;
            _start = 0;
        }

        Assert.True(_end < _buffer.Length, "A response head larger than the test buffer.");
        try
        {
            var n = await _socket.ReceiveAsync(_buffer.AsMemory(_end)).AsTask().WaitAsync(TestHttpServer.Timeout);
            _end += n;
            return n > 0;
        }
        catch (SocketException ex) when (ex.SocketErrorCode is SocketError.ConnectionReset or SocketError.ConnectionAborted)
        {
            return false;
        }
    }
}

/// <summary>A frame the server sent.</summary>
internal sealed record ServerFrame(byte First, byte[] Payload)
{
    public bool Fin => (First & 0x80) != 0;

    public int Opcode => First & 0x0F;

    public bool IsClose => Opcode == 0x8;

    /// <summary>The status code of a Close frame (1005 when it carries none).</summary>
    public int CloseCode => Payload.Length >= 2 ? (Payload[0] << 8) | Payload[1] : 1005;
}
