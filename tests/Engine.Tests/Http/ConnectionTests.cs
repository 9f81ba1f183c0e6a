using System.Net;
using System.Text;
using SocketIo.Engine.Tests.Support;

namespace SocketIo.Engine.Tests.Http;

/// <summary>HTTP/1.1 connection management over loopback: persistence, pipelining, body framing, Expect, HTTP/1.0.</summary>
public sealed class ConnectionTests
{
    [Fact]
    public async Task HttpClient_reuses_one_keep_alive_connection()
    {
        await using var server = new TestHttpServer();
        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1 }) { Timeout = TestHttpServer.Timeout };

        var first = await client.GetStringAsync(server.HttpUri("/conn"));
        var second = await client.GetStringAsync(server.HttpUri("/conn"));

        Assert.Equal(first, second);
    }

    [Fact]
    public async Task Two_requests_on_one_raw_connection_are_both_served_on_it()
    {
        await using var server = new TestHttpServer();
        using var client = await RawConnection.OpenAsync(server.Endpoint);

        await client.SendAsync("GET /conn HTTP/1.1\r\nHost: a\r\n\r\n");
        var first = await client.ReadResponseAsync();
        await client.SendAsync("GET /conn HTTP/1.1\r\nHost: a\r\n\r\n");
        var second = await client.ReadResponseAsync();

        Assert.Equal(200, second.Status);
        Assert.Equal(first.BodyText, second.BodyText);
        Assert.NotNull(first.Header("Date"));
    }

    [Fact]
    public async Task Pipelined_requests_in_one_send_are_answered_in_order()
    {
        await using var server = new TestHttpServer();
        using var client = await RawConnection.OpenAsync(server.Endpoint);

        await client.SendAsync("POST /body HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n\r\none" +
            "GET /missing HTTP/1.1\r\nHost: a\r\n\r\n" +
            "POST /body HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nthree");

        var one = await client.ReadResponseAsync();
        var two = await client.ReadResponseAsync();
        var three = await client.ReadResponseAsync();
        Assert.Equal((200, "one"), (one.Status, one.BodyText));
        Assert.Equal(404, two.Status);
        Assert.Equal((200, "three"), (three.Status, three.BodyText));
    }

    [Fact]
    public async Task Pipelined_requests_behind_an_asynchronous_handler_are_answered_in_order()
    {
        await using var server = new TestHttpServer();
        using var client = await RawConnection.OpenAsync(server.Endpoint);

        await client.SendAsync("GET /yield HTTP/1.1\r\nHost: a\r\n\r\nGET /yield HTTP/1.1\r\nHost: a\r\n\r\nGET /conn HTTP/1.1\r\nHost: a\r\n\r\n");

        Assert.Equal("yielded", (await client.ReadResponseAsync()).BodyText);
        Assert.Equal("yielded", (await client.ReadResponseAsync()).BodyText);
        Assert.Equal(200, (await client.ReadResponseAsync()).Status);
    }

    [Fact]
    public async Task Chunked_request_body_split_across_sends_is_decoded()
    {
        await using var server = new TestHttpServer();
        using var client = await RawConnection.OpenAsync(server.Endpoint);

        // Split inside the head, a chunk size, chunk data, an extension and the trailer section.
        string[] parts = ["POST /body HTTP/1.1\r\nHost: a\r\nTransfer-Enc", "oding: chunked\r\n\r\n5\r\nhel", "lo\r\n6;ext", "=1\r\n world\r\n0\r\nX-Trailer: t", "\r\n\r\n"];
        foreach (var part in parts)
        {
            await client.SendAsync(part);
        }

        var response = await client.ReadResponseAsync();
        Assert.Equal(200, response.Status);
        Assert.Equal("hello world", response.BodyText);
        Assert.Equal("11", response.Header("X-Body-Length"));

        // The connection stays usable after a chunked body.
        await client.SendAsync("GET /conn HTTP/1.1\r\nHost: a\r\n\r\n");
        Assert.Equal(200, (await client.ReadResponseAsync()).Status);
    }

    [Fact]
    public async Task Bad_chunk_framing_gets_400_and_the_connection_closes()
    {
        await using var server = new TestHttpServer();
        using var client = await RawConnection.OpenAsync(server.Endpoint);

        await client.SendAsync("POST /body HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhelloXX0\r\n\r\n");

        var response = await client.ReadResponseAsync();
        Assert.Equal(400, response.Status);
        Assert.True(response.ConnectionHas("close"));
        Assert.Empty(await client.ReadToCloseAsync());
    }

    [Fact]
    public async Task Expect_100_continue_gets_an_interim_response_before_the_body_is_sent()
    {
        await using var server = new TestHttpServer();
        using var client = await RawConnection.OpenAsync(server.Endpoint);

        await client.SendAsync("POST /body HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n");
        var interim = await client.ReadResponseAsync();
        Assert.Equal(100, interim.Status);

        await client.SendAsync("hello");
        var response = await client.ReadResponseAsync();
        Assert.Equal(200, response.Status);
        Assert.Equal("hello", response.BodyText);
    }

    [Fact]
    public async Task HttpClient_with_Expect_100_continue_posts_its_body()
    {
        await using var server = new TestHttpServer();
        using var client = new HttpClient { Timeout = TestHttpServer.Timeout };
        client.DefaultRequestHeaders.ExpectContinue = true;

        using var response = await client.PostAsync(server.HttpUri("/body"), new ByteArrayContent(Encoding.UTF8.GetBytes("payload")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("payload", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Expect_100_continue_with_an_oversized_body_gets_413_without_100()
    {
        await using var server = new TestHttpServer();
        using var client = await RawConnection.OpenAsync(server.Endpoint);

        await client.SendAsync("POST /body HTTP/1.1\r\nHost: a\r\nContent-Length: 2000000\r\nExpect: 100-continue\r\n\r\n");

        var response = await client.ReadResponseAsync();
        Assert.Equal(413, response.Status);
        Assert.True(response.ConnectionHas("close"));
        Assert.Empty(await client.ReadToCloseAsync());
    }

    [Fact]
    public async Task Connection_close_is_honoured()
    {
        await using var server = new TestHttpServer();
        using var client = await RawConnection.OpenAsync(server.Endpoint);

        // The second request must not be served: the connection ends after the first response.
        await client.SendAsync("GET /conn HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\nGET /conn HTTP/1.1\r\nHost: a\r\n\r\n");

        var response = await client.ReadResponseAsync();
        Assert.Equal(200, response.Status);
        Assert.True(response.ConnectionHas("close"));
        Assert.Empty(await client.ReadToCloseAsync());
    }

    [Fact]
    public async Task HTTP_1_0_closes_by_default()
    {
        await using var server = new TestHttpServer();
        using var client = await RawConnection.OpenAsync(server.Endpoint);

        await client.SendAsync("GET /conn HTTP/1.0\r\n\r\n");

        var response = await client.ReadResponseAsync();
        Assert.Equal(200, response.Status);
        Assert.False(response.ConnectionHas("keep-alive"));
        Assert.Empty(await client.ReadToCloseAsync());
    }

    [Fact]
    public async Task HTTP_1_0_keep_alive_is_echoed_and_the_connection_reused()
    {
        await using var server = new TestHttpServer();
        using var client = await RawConnection.OpenAsync(server.Endpoint);

        await client.SendAsync("GET /conn HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
        var first = await client.ReadResponseAsync();
        Assert.True(first.ConnectionHas("keep-alive"));

        await client.SendAsync("GET /conn HTTP/1.0\r\n\r\n");
        var second = await client.ReadResponseAsync();
        Assert.Equal(first.BodyText, second.BodyText);
        Assert.Empty(await client.ReadToCloseAsync());
    }

    [Fact]
    public async Task A_failing_application_gets_500_and_the_server_keeps_serving()
    {
        await using var server = new TestHttpServer();
        using (var client = await RawConnection.OpenAsync(server.Endpoint))
        {
            await client.SendAsync("GET /throw HTTP/1.1\r\nHost: a\r\n\r\n");
            var response = await client.ReadResponseAsync();
            Assert.Equal(500, response.Status);
            Assert.True(response.ConnectionHas("close"));
            Assert.Empty(await client.ReadToCloseAsync());
        }

        await HttpAssert.ServesAsync(server);
    }

    [Fact]
    public async Task A_held_request_sees_RequestAborted_when_the_client_leaves()
    {
        await using var server = new TestHttpServer();
        using (var client = await RawConnection.OpenAsync(server.Endpoint))
        {
            await client.SendAsync("GET /hold HTTP/1.1\r\nHost: a\r\n\r\n");
            await server.Application.Held.Task.WaitAsync(TestHttpServer.Timeout);
        }

        await server.Application.HoldAborted.Task.WaitAsync(TestHttpServer.Timeout);
        await HttpAssert.ServesAsync(server);
    }
}
