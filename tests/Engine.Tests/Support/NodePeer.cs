using System.ComponentModel;
using System.Diagnostics;
using System.Text.Json;

namespace SocketIo.Engine.Tests.Support;

/// <summary>
/// Runs a Node.js peer script from tests/peers (<c>node tests/peers/SCRIPT ARGS</c>) and parses the JSON object
/// it prints as its last stdout line. A missing <c>node</c> or missing npm packages fail the test with a
/// message saying what to install: interop tests never skip.
/// </summary>
internal static class NodePeer
{
    public static async Task<JsonElement> RunAsync(string script, params string[] args)
    {
        var peers = RepoPaths.Peers;
        if (!Directory.Exists(Path.Combine(peers, "node_modules", "ws")))
        {
            Assert.Fail($"The npm peers are not installed: run `npm ci` in {peers} (scripts/test.sh does it).");
        }

        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = peers,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(peers, script));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        }
        catch (Win32Exception ex)
        {
            Assert.Fail($"Node.js is required for the ws interop tests but `node` was not found on PATH ({ex.Message}). Install Node.js 18+.");
            throw;
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            try
            {
                await process.WaitForExitAsync().WaitAsync(TestHttpServer.Timeout);
            }
            catch (TimeoutException)
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail($"node {script} {string.Join(' ', args)} did not finish: {await stderr}");
            }

            var output = await stdout;
            var errors = await stderr;
            Assert.True(process.ExitCode == 0, $"node {script} {string.Join(' ', args)} exited with {process.ExitCode}: {errors}{output}");
            var last = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
            Assert.False(last is null, $"node {script} printed nothing: {errors}");
            using var json = JsonDocument.Parse(last);
            return json.RootElement.Clone();
        }
    }
}
