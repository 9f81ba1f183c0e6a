using System.Runtime.InteropServices;

namespace SocketIo.Engine.Transport;

/// <summary>
/// The process's open-file limit (RLIMIT_NOFILE) on Linux. Every connection holds a file descriptor, and the
/// runtime needs a few of its own (new threads, loaded assemblies, /proc reads): when accept takes the last one,
/// the runtime fails inside and aborts the process ("Out of memory."), so the listener keeps a reserve.
/// </summary>
internal static partial class FileDescriptorLimit
{
    private const int RlimitNoFile = 7;
    private const ulong Unlimited = ulong.MaxValue;

    /// <summary>The soft and hard limits, or null where they are unknown (not Linux) or unlimited.</summary>
    public static (long Soft, long Hard)? Read()
    {
        if (!OperatingSystem.IsLinux() || GetRLimit(RlimitNoFile, out var limit) != 0)
        {
            return null;
        }

        return limit.Current == Unlimited ? null : ((long)limit.Current, limit.Maximum == Unlimited ? long.MaxValue : (long)limit.Maximum);
    }

    /// <summary>
    /// Raises the soft limit to <paramref name="wanted"/> (never above the hard limit, never lowering it) and
    /// returns the soft limit in force afterwards, or null where it is unknown.
    /// </summary>
    public static long? RaiseTo(long wanted)
    {
        if (Read() is not var (soft, hard))
        {
            return null;
        }

        var target = Math.Min(wanted, hard);
        if (target <= soft)
        {
            return soft;
        }

        var limit = new RLimit { Current = (ulong)target, Maximum = hard == long.MaxValue ? Unlimited : (ulong)hard };
        return SetRLimit(RlimitNoFile, in limit) == 0 ? target : soft;
    }

    /// <summary>
    /// The most connections that fit: <paramref name="maxConnections"/>, lowered so that <paramref name="reserve"/>
    /// descriptors stay free under <paramref name="softLimit"/> (null: no limit known).
    /// </summary>
    public static int ConnectionCap(int maxConnections, long? softLimit, int reserve) =>
        softLimit is { } soft ? (int)Math.Clamp(soft - reserve, 1, maxConnections) : maxConnections;

    [StructLayout(LayoutKind.Sequential)]
    private struct RLimit
    {
        public ulong Current;
        public ulong Maximum;
    }

    [LibraryImport("libc", EntryPoint = "getrlimit", SetLastError = true)]
    private static partial int GetRLimit(int resource, out RLimit limit);

    [LibraryImport("libc", EntryPoint = "setrlimit", SetLastError = true)]
    private static partial int SetRLimit(int resource, in RLimit limit);
}
