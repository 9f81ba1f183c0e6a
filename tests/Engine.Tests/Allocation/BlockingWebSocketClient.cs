using System.Net;
using System.Net.Sockets;
using System.Text;

namespace SocketIo.Engine.Tests.Allocation;

/// <summary>
/// A WebSocket client that allocates nothing per message: blocking socket calls on the caller's thread, one reused
/// receive buffer and pre-built frames (mask key zero, so the payload goes out as is). Server frames must be small
/// unfragmented text frames, which is all the allocation tests exchange.
/// </summary>
internal sealed class BlockingWebSocketClient : IDisposable
{
    private readonly Socket _socket;
    private readonly byte[] _buffer = new byte[64 * 1024];
    private int _start;
    private int _end;

    private BlockingWebSocketClient(Socket socket) => _socket = socket;

    public static BlockingWebSocketClient Connect(IPEndPoint endpoint, string target)
    {
        var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp)
        {
            NoDelay = true,
            ReceiveTimeout = 10_000,
            SendTimeout = 10_000,
        };
        socket.Connect(endpoint);
        var client = new BlockingWebSocketClient(socket);
        socket.Send(Encoding.ASCII.GetBytes(
            $"GET {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
            "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n"));
        client.ReadResponseHead();
        return client;
    }

    /// <summary>A masked text frame carrying <paramref name="text"/> (mask key zero).</summary>
    public static byte[] TextFrame(string text)
    {
        var payload = Encoding.UTF8.GetBytes(text);
        Assert.True(payload.Length < 126, "only short frames are built here");
        var frame = new byte[6 + payload.Length];
        frame[0] = 0x81;
        frame[1] = (byte)(0x80 | payload.Length);
        payload.CopyTo(frame, 6);
        return frame;
    }

    public void Send(byte[] frame)
    {
        var sent = 0;
        while (sent < frame.Length)
            sent += _socket.Send(frame, sent, frame.Length - sent, SocketFlags.None);
    }

    /// <summary>The payload of the next text frame (valid until the next receive).</summary>
    public ReadOnlySpan<byte> ReceiveText()
    {
        Fill(2);
        // No Assert.Equal here: it allocates a comparer per call.
        if (_buffer[_start] != 0x81)
            throw new InvalidOperationException($"not a final text frame: 0x{_buffer[_start]:x2}");
        int length = _buffer[_start + 1];
        var header = 2;
        if (length == 126)
        {
            Fill(4);
            length = (_buffer[_start + 2] << 8) | _buffer[_start + 3];
            header = 4;
        }

        if (length == 127)
            throw new InvalidOperationException("no 64-bit lengths here");
        Fill(header + length);
        var payload = _buffer.AsSpan(_start + header, length);
        _start += header + length;
        return payload;
    }

    public void Dispose() => _socket.Dispose();

    private void ReadResponseHead()
    {
        while (true)
        {
            var end = _buffer.AsSpan(0, _end).IndexOf("\r\n\r\n"u8);
            if (end >= 0)
            {
                Assert.StartsWith("HTTP/1.1 101", Encoding.ASCII.GetString(_buffer, 0, end), StringComparison.Ordinal);
                _start = end + 4;
                return;
            }

            Read();
        }
    }

    private void Fill(int count)
    {
        if (_start == _end)
        {
            _start = _end = 0;
        }
        else if (_start + count > _buffer.Length)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _end -= _start;
            _start = 0;
        }

        while (_end - _start < count)
            Read();
    }

    private void Read()
    {
        var read = _socket.Receive(_buffer, _end, _buffer.Length - _end, SocketFlags.None);
        if (read == 0)
            throw new InvalidOperationException("the server closed the connection");
        _end += read;
    }
}
