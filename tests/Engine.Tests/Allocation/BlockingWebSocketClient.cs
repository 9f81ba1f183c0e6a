using System.Net;
using System.Text;

namespace SocketIo.Engine.Tests.Allocation;

/// <summary>
/// A WebSocket client that allocates nothing per message: blocking socket calls on the caller's thread, one reused
/// receive buffer and pre-built frames (mask key zero, so the payload goes out as is). Server frames must be small
/// unfragmented text frames, which is all the allocation tests exchange.
/// </summary>
internal sealed class BlockingWebSocketClient : IDisposable
{
    private readonly BlockingConnection _connection;

    private BlockingWebSocketClient(BlockingConnection connection) => _connection = connection;

    public static BlockingWebSocketClient Connect(IPEndPoint endpoint, string target)
    {
        var connection = new BlockingConnection(endpoint);
        connection.Send(Encoding.ASCII.GetBytes(
            $"GET {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
            "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n"));
        var headLength = connection.FillHead();
        Assert.StartsWith("HTTP/1.1 101", Encoding.ASCII.GetString(connection.Take(headLength + 4)), StringComparison.Ordinal);
        return new BlockingWebSocketClient(connection);
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

    public void Send(byte[] frame) => _connection.Send(frame);

    /// <summary>The payload of the next text frame (valid until the next receive).</summary>
    public ReadOnlySpan<byte> ReceiveText()
    {
        var start = _connection.Fill(2);
        // No Assert.Equal here: it allocates a comparer per call.
        if (start[0] != 0x81)
            throw new InvalidOperationException($"not a final text frame: 0x{start[0]:x2}");
        int length = start[1];
        var header = 2;
        if (length == 126)
        {
            var extended = _connection.Fill(4);
            length = (extended[2] << 8) | extended[3];
            header = 4;
        }

        if (length == 127)
            throw new InvalidOperationException("no 64-bit lengths here");
        _connection.Fill(header + length);
        return _connection.Take(header + length)[header..];
    }

    public void Dispose() => _connection.Dispose();
}
