using System.Net.Sockets;
using SocketIo.Engine.Http;
using SocketIo.Engine.Tests.Support;
using SocketIo.Protocol.Http;

namespace SocketIo.Engine.Tests.Http;

/// <summary>Size limits and timeouts: every refusal answers and closes, and the server goes on serving.</summary>
public sealed class LimitTests
{
    private static readonly HttpServerOptions SmallBodies = new() { Parser = new HttpParserOptions { MaxRequestBodySize = 100 } };

    [Theory]
    [InlineData("content-length", "POST /body HTTP/1.1\r\nHost: a\r\nContent-Length: 101\r\n\r\n", 413)]
    [InlineData("chunked", "POST /body HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n40\r\n################################################################\r\n40\r\n################################################################\r\n0\r\n\r\n", 413)]
    [InlineData("target", "GET /{T} HTTP/1.1\r\nHost: a\r\n\r\n", 414)]
    [InlineData("header-section", "GET / HTTP/1.1\r\nHost: a\r\nX-Big: {H}\r\n\r\n", 431)]
    [InlineData("header-count", "GET / HTTP/1.1\r\nHost: a\r\n{N}\r\n", 431)]
    public async Task Oversized_requests_are_refused_and_the_connection_closes(string name, string template, int status)
    {
        Assert.NotEmpty(name);
        var request = template
            .Replace("{T}", new string('t', 9000), StringComparison.Ordinal)
            .Replace("{H}", new string('h', 17 * 1024), StringComparison.Ordinal)
            .Replace("{N}", string.Concat(Enumerable.Range(0, 150).Select(i => $"X-{i}: v\r\n")), StringComparison.Ordinal);
        await using var server = new TestHttpServer(SmallBodies);
        using (var client = await RawConnection.OpenAsync(server.Endpoint))
        {
            await client.SendAsync(request);
            var response = await client.ReadResponseAsync();
            Assert.Equal(status, response.Status);
            Assert.True(response.ConnectionHas("close"));
            Assert.Empty(await client.ReadToCloseAsync());
        }

        await HttpAssert.ServesAsync(server);
    }

    [Fact]
    public async Task A_body_at_the_limit_is_accepted()
    {
        await using var server = new TestHttpServer(SmallBodies);
        using var client = await RawConnection.OpenAsync(server.Endpoint);

        await client.SendAsync("POST /body HTTP/1.1\r\nHost: a\r\nContent-Length: 100\r\n\r\n" + new string('x', 100));

        var response = await client.ReadResponseAsync();
        Assert.Equal(200, response.Status);
        Assert.Equal("100", response.Header("X-Body-Length"));
    }

    [Fact]
    public async Task Slow_loris_dribbling_a_head_is_disconnected_by_the_headers_timeout()
    {
        await using var server = new TestHttpServer(new HttpServerOptions { RequestHeadersTimeout = TimeSpan.FromSeconds(1) });
        using var socket = new Socket(server.Endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(server.Endpoint).WaitAsync(TestHttpServer.Timeout);
        var closed = WaitForCloseAsync(socket);

        // One byte at a time of a head that never ends: the attack pattern. The loop is bounded by count; the
        // server's deadline counts from the first byte, so it ends the connection long before the loop would.
        var head = "GET / HTTP/1.1\r\nHost: a\r\nX-Slow: " + new string('s', 1000);
        var sent = 0;
        while (sent < head.Length && !closed.IsCompleted)
        {
            try
            {
                await socket.SendAsync(new[] { (byte)head[sent] }.AsMemory());
            }
            catch (SocketException)
            {
                break;
            }

            sent++;
            await Task.WhenAny(closed, Task.Delay(20));
        }

        var received = await closed.WaitAsync(TestHttpServer.Timeout);
        Assert.True(sent < head.Length, "the server never closed the connection");
        Assert.Equal(0, received);
        await HttpAssert.ServesAsync(server);
    }

    [Fact]
    public async Task A_partial_head_then_silence_is_disconnected_by_the_headers_timeout()
    {
        await using var server = new TestHttpServer(new HttpServerOptions { RequestHeadersTimeout = TimeSpan.FromSeconds(1) });
        using var client = await RawConnection.OpenAsync(server.Endpoint);

        await client.SendAsync("GET / HTTP/1.1\r\nHost: a\r\n");

        Assert.Empty(await client.ReadToCloseAsync());
    }

    [Fact]
    public async Task An_idle_keep_alive_connection_is_closed_after_the_keep_alive_timeout()
    {
        await using var server = new TestHttpServer(new HttpServerOptions { KeepAliveTimeout = TimeSpan.FromSeconds(1) });
        using var client = await RawConnection.OpenAsync(server.Endpoint);

        await client.SendAsync("GET /conn HTTP/1.1\r\nHost: a\r\n\r\n");
        Assert.Equal(200, (await client.ReadResponseAsync()).Status);

        Assert.Empty(await client.ReadToCloseAsync());
    }

    /// <summary>Completes with the number of bytes received once the server closes (FIN or reset).</summary>
    private static async Task<int> WaitForCloseAsync(Socket socket)
    {
        var buffer = new byte[1024];
        var total = 0;
        try
        {
            while (true)
            {
                var n = await socket.ReceiveAsync(buffer.AsMemory());
                if (n == 0)
                {
                    return total;
                }

                total += n;
            }
        }
        catch (SocketException)
        {
            return total;
        }
    }
}
