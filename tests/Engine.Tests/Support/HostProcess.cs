using System.Diagnostics;
using System.Net;

namespace SocketIo.Engine.Tests.Support;

/// <summary>Starts the built Host as its own process on 127.0.0.1 and a free port, through bash.</summary>
internal static class HostProcess
{
    /// <summary>
    /// Starts the Host with <paramref name="arguments"/> after the shell commands in <paramref name="prefix"/>
    /// (for example <c>ulimit -n 300 &amp;&amp; </c>); <paramref name="ready"/> completes with the endpoint it listens on.
    /// </summary>
    public static Process Start(string prefix, string arguments, out TaskCompletionSource<IPEndPoint> ready)
    {
        var info = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add($"{prefix}exec dotnet \"$0\" --listen 127.0.0.1 --port 0 {arguments}");
        info.ArgumentList.Add(HostDll());
        var started = new TaskCompletionSource<IPEndPoint>(TaskCreationOptions.RunContinuationsAsynchronously);
        ready = started;
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        DataReceivedEventHandler onLine = (_, e) =>
        {
            const string Marker = "Listening on http://";
            var at = e.Data?.IndexOf(Marker, StringComparison.Ordinal) ?? -1;
            if (at >= 0)
            {
                started.TrySetResult(IPEndPoint.Parse(e.Data![(at + Marker.Length)..].Trim()));
            }
        };
        process.OutputDataReceived += onLine;
        process.ErrorDataReceived += onLine;
        process.Exited += (_, _) => started.TrySetException(new InvalidOperationException("the Host exited before listening"));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>Kills the Host if it still runs and waits for it.</summary>
    public static async Task StopAsync(Process host)
    {
        if (!host.HasExited)
        {
            host.Kill(entireProcessTree: true);
            await host.WaitForExitAsync();
        }
    }

    private static string HostDll()
    {
        // This assembly lives in tests/Engine.Tests/bin/<Configuration>/<tfm>/; the Host was built (a project
        // reference) into src/Host/bin/<Configuration>/<tfm>/.
        var here = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        for (var dir = here; dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Engine.sln")))
            {
                var dll = Path.Combine(dir.FullName, "src", "Host", "bin", here.Parent!.Name, here.Name, "SocketIo.Host.dll");
                return File.Exists(dll) ? dll : throw new FileNotFoundException($"build the Host first: {dll} is missing", dll);
            }
        }

        throw new DirectoryNotFoundException("Engine.sln not found above " + here.FullName);
    }
}
