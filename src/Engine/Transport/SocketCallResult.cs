using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace SocketIo.Engine.Transport;

/// <summary>Turns the return value of a non-blocking send(2) or recv(2) into a <see cref="SocketError"/> and a byte count.</summary>
internal static class SocketCallResult
{
    private const int EIntr = 4;
    private const int EAgain = 11;
    private const int EPipe = 32;
    private const int EConnReset = 104;
    private const int ETimedOut = 110;

    /// <summary>
    /// Success with the bytes transferred, <see cref="SocketError.WouldBlock"/> when the call would have waited
    /// (or was interrupted), or the error read from errno.
    /// </summary>
    public static SocketError From(nint result, out int transferred)
    {
        if (result >= 0)
        {
            transferred = (int)result;
            return SocketError.Success;
        }

        transferred = 0;
        return Marshal.GetLastPInvokeError() switch
        {
            EAgain or EIntr => SocketError.WouldBlock,
            EPipe => SocketError.Shutdown,
            EConnReset => SocketError.ConnectionReset,
            ETimedOut => SocketError.TimedOut,
            _ => SocketError.SocketError,
        };
    }
}
