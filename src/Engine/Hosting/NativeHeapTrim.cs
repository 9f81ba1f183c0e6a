using System.Runtime.InteropServices;

namespace SocketIo.Engine.Hosting;

/// <summary>
/// Returns the C heap's free pages to the operating system (glibc's <c>malloc_trim</c>). A full GC frees its own
/// temporary native buffers (several MB for a large heap), but glibc keeps them mapped in its arenas until asked.
/// </summary>
internal static partial class NativeHeapTrim
{
    private static bool _unavailable;

    /// <summary>Trims on Linux with glibc; does nothing elsewhere.</summary>
    public static void Trim()
    {
        if (!OperatingSystem.IsLinux() || _unavailable)
        {
            return;
        }

        try
        {
            _ = MallocTrim(0);
        }
        catch (Exception ex) when (ex is EntryPointNotFoundException or DllNotFoundException)
        {
            // Not glibc (musl has no malloc_trim): nothing to give back this way.
            _unavailable = true;
        }
    }

    [LibraryImport("libc", EntryPoint = "malloc_trim")]
    private static partial int MallocTrim(nuint pad);
}
