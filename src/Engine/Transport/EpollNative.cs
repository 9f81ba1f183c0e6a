using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace SocketIo.Engine.Transport;

/// <summary>The few Linux calls the epoll receive path makes (epoll(7), recv(2)).</summary>
internal static unsafe partial class EpollNative
{
    public const int CtlAdd = 1;
    public const uint In = 0x001;
    public const uint ReadHangUp = 0x2000;
    public const uint EdgeTriggered = 1u << 31;

    private const int MsgPeek = 0x2;
    private const int MsgDontWait = 0x40;
    private const int CloseOnExec = 0x80000;

    /// <summary>
    /// Size of one <c>struct epoll_event</c>: the kernel packs it on x86 (12 bytes, data at offset 4), elsewhere
    /// the 64-bit data is aligned (16 bytes, data at offset 8).
    /// </summary>
    public static readonly int EventSize = IsPacked ? 12 : 16;

    private static bool IsPacked => RuntimeInformation.ProcessArchitecture is Architecture.X64 or Architecture.X86;

    /// <summary>Creates an epoll instance (close-on-exec); -1 on failure.</summary>
    public static int Create() => EpollCreate1(CloseOnExec);

    /// <summary>Adds <paramref name="socket"/> with <paramref name="events"/> and <paramref name="data"/>.</summary>
    /// <returns>0, or the errno.</returns>
    /// <exception cref="ObjectDisposedException">The socket was closed.</exception>
    public static int Control(int epoll, int operation, SafeHandle socket, uint events, ulong data)
    {
        var buffer = stackalloc byte[16];
        WriteEvent(buffer, events, data);
        return EpollCtl(epoll, operation, socket, buffer) == 0 ? 0 : Marshal.GetLastPInvokeError();
    }

    /// <summary>Waits for events; returns how many were written to <paramref name="events"/>, or -errno.</summary>
    public static int Wait(int epoll, byte* events, int maxEvents)
    {
        var count = EpollWait(epoll, events, maxEvents, -1);
        return count >= 0 ? count : -Marshal.GetLastPInvokeError();
    }

    /// <summary>The data word of the <paramref name="index"/>th event in a <see cref="Wait"/> buffer.</summary>
    public static ulong EventData(byte* events, int index) =>
        *(ulong*)(events + (index * EventSize) + (IsPacked ? 4 : 8));

    /// <summary>Looks whether one byte (or FIN) is there without taking it, never waiting.</summary>
    /// <returns>As <see cref="Receive"/>; <paramref name="seen"/> is 1 when a byte is there.</returns>
    /// <exception cref="ObjectDisposedException">The socket was closed.</exception>
    public static SocketError Peek(SafeHandle socket, out int seen)
    {
        byte one;
        return SocketCallResult.From(Recv(socket, &one, 1, MsgDontWait | MsgPeek), out seen);
    }

    /// <summary>Receives what the kernel holds now, never waiting.</summary>
    /// <returns>Success (<paramref name="received"/> 0 = FIN), <see cref="SocketError.WouldBlock"/> when nothing is there yet, or the error.</returns>
    /// <exception cref="ObjectDisposedException">The socket was closed.</exception>
    public static SocketError Receive(SafeHandle socket, Span<byte> buffer, out int received)
    {
        nint result;
        fixed (byte* bytes = buffer)
        {
            result = Recv(socket, bytes, (nuint)buffer.Length, MsgDontWait);
        }

        return SocketCallResult.From(result, out received);
    }

    private static void WriteEvent(byte* buffer, uint events, ulong data)
    {
        *(uint*)buffer = events;
        *(ulong*)(buffer + (IsPacked ? 4 : 8)) = data;
    }

    [LibraryImport("libc", EntryPoint = "epoll_create1", SetLastError = true)]
    private static partial int EpollCreate1(int flags);

    [LibraryImport("libc", EntryPoint = "epoll_ctl", SetLastError = true)]
    private static partial int EpollCtl(int epoll, int operation, SafeHandle socket, byte* someEvent);

    [LibraryImport("libc", EntryPoint = "epoll_wait", SetLastError = true)]
    private static partial int EpollWait(int epoll, byte* events, int maxEvents, int timeout);

    [LibraryImport("libc", EntryPoint = "recv", SetLastError = true)]
    private static partial nint Recv(SafeHandle socket, byte* buffer, nuint length, int flags);
}
