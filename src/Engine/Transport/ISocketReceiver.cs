using System.Net.Sockets;

namespace SocketIo.Engine.Transport;

/// <summary>The receive side of one connection's socket: one operation at a time, awaited without allocating.</summary>
internal interface ISocketReceiver : IDisposable
{
    /// <summary>
    /// Receives into <paramref name="buffer"/>; an empty buffer waits until data (or FIN) arrives and transfers
    /// nothing.
    /// </summary>
    /// <exception cref="ObjectDisposedException">The socket was closed before the receive started.</exception>
    ValueTask<SocketResult> ReceiveAsync(Socket socket, Memory<byte> buffer);

    /// <summary>
    /// Called once the socket is closed: a pending receive completes with <see cref="SocketError.OperationAborted"/>
    /// and later ones fail the same way.
    /// </summary>
    void Abort();

    /// <summary>A receiver: epoll readiness on Linux, socket event args elsewhere.</summary>
    static ISocketReceiver Create() => OperatingSystem.IsLinux() ? new EpollReceiver(EpollEngine.Next()) : new SocketOperation();
}
