using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

using SocketIo.Engine.Tests.Support;

namespace SocketIo.Engine.Tests.Transport;

/// <summary>
/// The Host run as its own process under a small open-file limit (bash's <c>ulimit -n</c>), flooded with more
/// connections than the limit allows. Before the listener kept descriptors in reserve, accept took the last one
/// and the runtime aborted the process ("Out of memory.") the next time it needed a descriptor of its own.
/// </summary>
public sealed class HostUnderFileLimitTests
{
    private const int FileLimit = 300;
    private const int Reserve = 128; // TransportOptions.FileDescriptorReserve's default
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_flood_past_the_open_file_limit_is_refused_and_the_server_keeps_serving()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        using var host = HostProcess.Start($"ulimit -n {FileLimit} && ", "--app reference", out var ready);
        var sockets = new List<Socket>();
        try
        {
            var endpoint = await ready.Task.WaitAsync(Timeout);

            // Twice the limit, each completing an Engine.IO polling handshake or being closed by the server.
            var served = 0;
            var refused = 0;
            for (var i = 0; i < 2 * FileLimit; i++)
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                sockets.Add(socket);
                if (await TryHandshakeAsync(socket, endpoint))
                {
                    served++;
                }
                else
                {
                    refused++;
                }
            }

            Assert.False(host.HasExited, "the Host exited");
            Assert.Equal(FileLimit - Reserve, served);
            Assert.Equal(2 * FileLimit - served, refused);

            // Once connections go away, new ones are served again.
            foreach (var socket in sockets)
            {
                socket.Dispose();
            }

            sockets.Clear();
            var again = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            sockets.Add(again);
            var deadline = Stopwatch.StartNew();
            while (!await TryHandshakeAsync(again, endpoint))
            {
                // The server notices the closed connections on its own schedule: retry, bounded.
                Assert.True(deadline.Elapsed < Timeout, "no connection served after the flood");
                again.Dispose();
                sockets.Remove(again);
                await Task.Delay(50);
                again = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                sockets.Add(again);
            }

            Assert.False(host.HasExited, "the Host exited");
        }
        finally
        {
            foreach (var socket in sockets)
            {
                socket.Dispose();
            }

            await HostProcess.StopAsync(host);
        }
    }

    /// <summary>Connects and asks for an Engine.IO handshake; false when the server closes the connection instead.</summary>
    private static async Task<bool> TryHandshakeAsync(Socket socket, IPEndPoint endpoint)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        await socket.ConnectAsync(endpoint, timeout.Token);
        var request = "GET /socket.io/?EIO=4&transport=polling HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"u8.ToArray();
        try
        {
            await socket.SendAsync(request, SocketFlags.None, timeout.Token);
            var response = new StringBuilder();
            var buffer = new byte[4096];
            while (true)
            {
                var read = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
                if (read == 0)
                {
                    return false;
                }

                response.Append(Encoding.ASCII.GetString(buffer, 0, read));
                var text = response.ToString();
                if (text.StartsWith("HTTP/1.1 200", StringComparison.Ordinal) && text.Contains("\"sid\"", StringComparison.Ordinal))
                {
                    return true;
                }
            }
        }
        catch (SocketException ex) when (ex.SocketErrorCode is SocketError.ConnectionReset or SocketError.Shutdown)
        {
            return false;
        }
    }
}
