using System.Net;
using System.Net.Sockets;

namespace SocketIo.Engine.Tests.Allocation;

/// <summary>
/// The socket side of the allocation tests' clients: blocking calls on the caller's thread and one reused receive
/// buffer, so an exchange allocates nothing. Bytes are taken from the front of the buffer; spans returned stay
/// valid until the next <see cref="Fill"/>.
/// </summary>
internal sealed class BlockingConnection : IDisposable
{
    private readonly Socket _socket;
    private readonly byte[] _buffer = new byte[64 * 1024];
    private int _start;
    private int _end;

    public BlockingConnection(IPEndPoint endpoint)
    {
        _socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp)
        {
            NoDelay = true,
            ReceiveTimeout = 10_000,
            SendTimeout = 10_000,
        };
        _socket.Connect(endpoint);
    }

    public void Send(byte[] data)
    {
        var sent = 0;
        while (sent < data.Length)
            sent += _socket.Send(data, sent, data.Length - sent, SocketFlags.None);
    }

    /// <summary>Receives until at least <paramref name="count"/> bytes are buffered; returns them (not taken).</summary>
    public ReadOnlySpan<byte> Fill(int count)
    {
        if (count > _buffer.Length)
            throw new InvalidOperationException("message larger than the buffer");
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
        return _buffer.AsSpan(_start, count);
    }

    /// <summary>Receives until a blank line ends a message head; returns the head's length (the blank line excluded).</summary>
    public int FillHead()
    {
        int end;
        while ((end = _buffer.AsSpan(_start, _end - _start).IndexOf("\r\n\r\n"u8)) < 0)
            Fill(_end - _start + 1);
        return end;
    }

    /// <summary>Takes <paramref name="count"/> buffered bytes off the front.</summary>
    public ReadOnlySpan<byte> Take(int count)
    {
        var taken = _buffer.AsSpan(_start, count);
        _start += count;
        return taken;
    }

    public void Dispose() => _socket.Dispose();

    private void Read()
    {
        var read = _socket.Receive(_buffer, _end, _buffer.Length - _end, SocketFlags.None);
        if (read == 0)
            throw new InvalidOperationException("the server closed the connection");
        _end += read;
    }
}
