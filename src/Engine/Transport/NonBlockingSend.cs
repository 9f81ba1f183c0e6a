using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace SocketIo.Engine.Transport;

/// <summary>
/// One send that never waits: what the kernel takes now, or <see cref="SocketError.WouldBlock"/>.
/// </summary>
/// <remarks>
/// <see cref="Socket.Send(ReadOnlySpan{byte}, SocketFlags, out SocketError)"/> waits for room on a blocking
/// socket, and switching the socket to non-blocking costs about 650 B of runtime state per connection. On Linux
/// this calls send(2) with MSG_DONTWAIT instead; elsewhere the socket is made non-blocking
/// (<see cref="PrepareSocket"/>) and the BCL call is used.
/// </remarks>
internal static unsafe partial class NonBlockingSend
{
    private const int MsgDontWait = 0x40;
    private const int MsgNoSignal = 0x4000;

    /// <summary>Readies an accepted socket for <see cref="Send"/>.</summary>
    public static void PrepareSocket(Socket socket)
    {
        if (!OperatingSystem.IsLinux())
        {
            socket.Blocking = false;
        }
    }

    /// <summary>Sends what the kernel takes now; <paramref name="sent"/> is 0 unless the result is Success.</summary>
    /// <exception cref="ObjectDisposedException">The socket was closed.</exception>
    public static SocketError Send(Socket socket, ReadOnlySpan<byte> data, out int sent)
    {
        if (!OperatingSystem.IsLinux())
        {
            sent = socket.Send(data, SocketFlags.None, out var error);
            return error;
        }

        nint result;
        fixed (byte* bytes = data)
        {
            result = SendNative(socket.SafeHandle, bytes, (nuint)data.Length, MsgDontWait | MsgNoSignal);
        }

        return SocketCallResult.From(result, out sent);
    }

    [LibraryImport("libc", EntryPoint = "send", SetLastError = true)]
    private static partial nint SendNative(SafeHandle socket, byte* buffer, nuint length, int flags);
}
