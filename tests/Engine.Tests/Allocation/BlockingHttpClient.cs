using System.Net;
using System.Text;

namespace SocketIo.Engine.Tests.Allocation;

/// <summary>
/// A keep-alive HTTP/1.1 client that allocates nothing per exchange: blocking socket calls, one reused receive buffer,
/// pre-built requests. Responses must carry a Content-Length body, which is what Engine.IO polling answers.
/// </summary>
internal sealed class BlockingHttpClient(IPEndPoint endpoint) : IDisposable
{
    private readonly BlockingConnection _connection = new(endpoint);

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
        _connection.Send(request);
        var headLength = _connection.FillHead();
        var head = _connection.Take(headLength + 4)[..headLength];
        if (!head.StartsWith("HTTP/1.1 200 "u8))
            throw new InvalidOperationException("not a 200: " + Encoding.ASCII.GetString(head));
        var length = ContentLength(head);
        _connection.Fill(length);
        return _connection.Take(length);
    }

    public void Dispose() => _connection.Dispose();

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
}
