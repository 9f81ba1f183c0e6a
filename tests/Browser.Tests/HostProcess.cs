using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace SocketIo.Browser.Tests;

/// <summary>
/// The Host (the chat demo, its default app) run as a separate process on a free loopback port, so a test can kill
/// it and start it again on the same port, as an operator restarting the server would.
/// </summary>
internal sealed class HostProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private readonly StringBuilder _log = new();
    private Process? _process;

    private HostProcess(int port) => Port = port;

    /// <summary>The port the Host listens on (127.0.0.1 only).</summary>
    public int Port { get; }

    /// <summary>The chat page's address.</summary>
    public string BaseUrl => $"http://127.0.0.1:{Port}";

    /// <summary>Everything the Host printed, for failure messages.</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    /// <summary>Starts the Host on a free port and waits until it serves the chat.</summary>
    public static async Task<HostProcess> StartAsync()
    {
        var host = new HostProcess(FreePort());
        await host.StartProcessAsync();
        return host;
    }

    /// <summary>Kills the Host (no goodbye to the browsers) and starts a new one on the same port.</summary>
    public async Task RestartAsync()
    {
        Stop();
        await StartProcessAsync();
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        Stop();
        return ValueTask.CompletedTask;
    }

    private void Stop()
    {
        if (_process is { } process)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(10_000);
            }

            process.Dispose();
            _process = null;
        }
    }

    private async Task StartProcessAsync()
    {
        var dll = HostDll();
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in (string[])[dll, "--listen", "127.0.0.1", "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture)])
        {
            info.ArgumentList.Add(arg);
        }

        // The port was just released by the killed process; a bind may need a moment.
        for (var attempt = 0; attempt < 10; attempt++)
        {
            var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var process = new Process { StartInfo = info, EnableRaisingEvents = true };
            process.OutputDataReceived += (_, e) => OnLine(e.Data, ready);
            process.ErrorDataReceived += (_, e) => OnLine(e.Data, ready);
            process.Exited += (_, _) => ready.TrySetException(new InvalidOperationException("the Host exited"));
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            _process = process;
            try
            {
                await ready.Task.WaitAsync(StartTimeout);
                return;
            }
            catch (InvalidOperationException)
            {
                process.WaitForExit(5_000);
                process.Dispose();
                _process = null;
                await Task.Delay(500);
            }
        }

        throw new InvalidOperationException($"the Host did not start on port {Port}:\n{Log}");
    }

    private void OnLine(string? line, TaskCompletionSource ready)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.AppendLine(line);
        }

        if (line.Contains("Chat demo at", StringComparison.Ordinal))
        {
            ready.TrySetResult();
        }
    }

    private static string HostDll()
    {
        // This assembly lives in tests/Browser.Tests/bin/<Configuration>/<tfm>/; the Host was built (a project
        // reference) into src/Host/bin/<Configuration>/<tfm>/.
        var here = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var tfm = here.Name;
        var configuration = here.Parent!.Name;
        var dll = Path.Combine(RepositoryRoot(), "src", "Host", "bin", configuration, tfm, "SocketIo.Host.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"build the Host first: {dll} is missing", dll);
    }

    /// <summary>The folder holding Engine.sln.</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Engine.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("Engine.sln not found above " + AppContext.BaseDirectory);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
