using System.Net;
using System.Net.Sockets;
using System.Text;

namespace SocketIo.Engine.Tests.Allocation;

/// <summary>
/// A keep-alive HTTP/1.1 client that allocates nothing per exchange: blocking socket calls, one reused receive buffer,
/// pre-built requests. Responses must carry a Content-Length body, which is what Engine.IO polling answers.
/// </summary>
internal sealed class BlockingHttpClient : IDisposable
{
    private readonly Socket _socket;
    private readonly byte[] _buffer = new byte[64 * 1024];
    private int _start;
    private int _end;

    public BlockingHttpClient(IPEndPoint endpoint)
    {
        _socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp)
        {
            NoDelay = true,
            ReceiveTimeout = 10_000,
            SendTimeout = 10_000,
        };
        _socket.Connect(endpoint);
    }

    public static byte[] Get(string target) =>
        Encoding.ASCII.GetBytes($"GET {target} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");

    public static byte[] Post(string target, string body)
    {
        var content = Encoding.UTF8.GetBytes(body);
        return [.. Encoding.ASCII.GetBytes($"POST {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain;charset=UTF-8\r\nContent-Length: {content.Length}\r\n\r\n"), .. content];
    }

    /// <summary>Sends <paramref name="request"/> and returns the 200 response's body (valid until the next exchange).</summary>
    public ReadOnlySpan<byte> Exchange(byte[] request)
    {
        var sent = 0;
        while (sent < request.Length)
            sent += _socket.Send(request, sent, request.Length - sent, SocketFlags.None);

        if (_start == _end)
            _start = _end = 0;
        int headEnd;
        while ((headEnd = _buffer.AsSpan(_start, _end - _start).IndexOf("\r\n\r\n"u8)) < 0)
            Read();
        var head = _buffer.AsSpan(_start, headEnd);
        if (!head.StartsWith("HTTP/1.1 200 "u8))
            throw new InvalidOperationException("not a 200: " + Encoding.ASCII.GetString(head));
        var length = ContentLength(head);
        var bodyStart = _start + headEnd + 4;
        while (_end - bodyStart < length)
            Read();
        _start = bodyStart + length;
        return _buffer.AsSpan(bodyStart, length);
    }

    public void Dispose() => _socket.Dispose();

    private static int ContentLength(ReadOnlySpan<byte> head)
    {
        var at = head.IndexOf("\r\nContent-Length:"u8);
        if (at < 0)
            throw new InvalidOperationException("no Content-Length: " + Encoding.ASCII.GetString(head));
        var value = 0;
        foreach (var b in head[(at + 17)..])
        {
            if (b == (byte)' ')
                continue;
            if (b is < (byte)'0' or > (byte)'9')
                break;
            value = (value * 10) + (b - '0');
        }

        return value;
    }

    private void Read()
    {
        if (_end == _buffer.Length)
            throw new InvalidOperationException("response larger than the buffer");
        var read = _socket.Receive(_buffer, _end, _buffer.Length - _end, SocketFlags.None);
        if (read == 0)
            throw new InvalidOperationException("the server closed the connection");
        _end += read;
    }
}
