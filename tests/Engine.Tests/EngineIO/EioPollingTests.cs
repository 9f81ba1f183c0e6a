using System.Net;
using System.Text.RegularExpressions;
using SocketIo.Engine.EngineIO;

namespace SocketIo.Engine.Tests.EngineIO;

/// <summary>Engine.IO over HTTP long-polling, checked byte for byte with plain HTTP requests (PROTOCOL.md 1.2-1.5).</summary>
public sealed partial class EioPollingTests
{
    [GeneratedRegex("^0\\{\"sid\":\"[A-Za-z0-9_-]{20}\",\"upgrades\":\\[\"websocket\"\\],\"pingInterval\":25000,\"pingTimeout\":20000,\"maxPayload\":1000000\\}$")]
    private static partial Regex OpenPacket();

    [Fact]
    public async Task Handshake_answers_the_open_packet_with_poll_headers()
    {
        await using var server = new EioTestServer();
        using var response = await server.Client.GetAsync(EioTestServer.PollPath());
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Matches(OpenPacket(), body);
        Assert.Equal("text/plain; charset=UTF-8", response.Content.Headers.ContentType!.ToString());
        Assert.Equal(body.Length, response.Content.Headers.ContentLength);
        Assert.True(response.Headers.CacheControl!.NoStore);
        Assert.False(response.Headers.Contains("Set-Cookie"));
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
        var opened = await server.Handler.Opened.Reader.ReadAsync();
        Assert.Equal(body[9..29], opened.Id);
        Assert.Equal(EngineIoTransports.Polling, opened.Transport);
    }

    [Fact]
    public async Task Handshake_ids_are_distinct()
    {
        await using var server = new EioTestServer();
        var ids = new HashSet<string>();
        for (var i = 0; i < 20; i++)
        {
            Assert.True(ids.Add(await server.HandshakeAsync()));
        }

        Assert.Equal(20, server.Engine.SessionCount);
    }

    [Theory]
    [InlineData("GET", "/engine.io/?EIO=4", 400, 0, "Transport unknown")]
    [InlineData("GET", "/engine.io/?EIO=4&transport=abc", 400, 0, "Transport unknown")]
    [InlineData("GET", "/engine.io/?EIO=4&transport=polling&sid=AAAAAAAAAAAAAAAAAAAA", 400, 1, "Session ID unknown")]
    [InlineData("POST", "/engine.io/?EIO=4&transport=polling&sid=nope", 400, 1, "Session ID unknown")]
    [InlineData("POST", "/engine.io/?EIO=4&transport=polling", 400, 2, "Bad handshake method")]
    [InlineData("PUT", "/engine.io/?EIO=4&transport=polling", 400, 2, "Bad handshake method")]
    [InlineData("GET", "/engine.io/?EIO=4&transport=websocket", 400, 3, "Bad request")]
    [InlineData("GET", "/engine.io/?EIO=3&transport=polling", 400, 5, "Unsupported protocol version")]
    [InlineData("GET", "/engine.io/?transport=polling", 400, 5, "Unsupported protocol version")]
    [InlineData("GET", "/engine.io/anything?EIO=5&transport=polling", 400, 5, "Unsupported protocol version")]
    public async Task Errors_are_json_with_the_reference_code_and_message(string method, string path, int status, int code, string message)
    {
        await using var server = new EioTestServer();
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        using var response = await server.Client.SendAsync(request);
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal($"{{\"code\":{code},\"message\":\"{message}\"}}", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Path_must_match_with_its_trailing_slash()
    {
        await using var server = new EioTestServer();
        var (status, _) = await server.GetAsync("/engine.io?EIO=4&transport=polling");
        Assert.Equal(HttpStatusCode.NotFound, status);
    }

    [Fact]
    public async Task Disabled_transport_is_code_0()
    {
        await using var server = new EioTestServer(new EngineIoOptions { Transports = EngineIoTransports.WebSocket });
        var (status, body) = await server.GetAsync(EioTestServer.PollPath());
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("{\"code\":0,\"message\":\"Transport unknown\"}", body);
    }

    [Fact]
    public async Task Other_methods_with_a_sid_get_500()
    {
        await using var server = new EioTestServer();
        var sid = await server.HandshakeAsync();
        using var request = new HttpRequestMessage(HttpMethod.Put, EioTestServer.PollPath(sid));
        using var response = await server.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task AllowRequest_refusal_is_403_code_4_with_its_message()
    {
        var options = new EngineIoOptions
        {
            AllowRequest = async context =>
            {
                await Task.Yield();
                return context.Request.Query.IndexOf("token=good"u8) >= 0 ? null : "go away";
            },
        };
        await using var server = new EioTestServer(options);
        var (status, body) = await server.GetAsync(EioTestServer.PollPath());
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal("{\"code\":4,\"message\":\"go away\"}", body);
        (status, body) = await server.GetAsync(EioTestServer.PollPath() + "&token=good");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.StartsWith("0{", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AllowRequest_empty_refusal_says_Forbidden()
    {
        await using var server = new EioTestServer(new EngineIoOptions { AllowRequest = _ => ValueTask.FromResult<string?>(string.Empty) });
        var (status, body) = await server.GetAsync(EioTestServer.PollPath());
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal("{\"code\":4,\"message\":\"Forbidden\"}", body);
    }

    [Fact]
    public async Task Text_and_binary_messages_echo_through_post_and_get()
    {
        await using var server = new EioTestServer();
        var sid = await server.HandshakeAsync();
        var (status, body) = await server.PostAsync(EioTestServer.PollPath(sid), "4hello\u001ebAQIDBA==\u001e4€");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("ok", body);
        (status, body) = await server.GetAsync(EioTestServer.PollPath(sid));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("4hello\u001ebAQIDBA==\u001e4€", body);
        Assert.Equal([(false, "hello"u8.ToArray()), (true, new byte[] { 1, 2, 3, 4 }), (false, "€"u8.ToArray())], server.Handler.Messages.ToArray());
    }

    [Fact]
    public async Task Post_answer_is_ok_as_text_html()
    {
        await using var server = new EioTestServer();
        var sid = await server.HandshakeAsync();
        using var content = new StringContent("4x");
        using var response = await server.Client.PostAsync(EioTestServer.PollPath(sid), content);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.ToString());
        Assert.Equal(2, response.Content.Headers.ContentLength);
        Assert.True(response.Headers.CacheControl!.NoStore);
    }

    [Fact]
    public async Task Held_poll_is_answered_when_a_packet_is_sent()
    {
        await using var server = new EioTestServer();
        var sid = await server.HandshakeAsync();
        var poll = server.GetAsync(EioTestServer.PollPath(sid));
        await EioAssert.PollHeldAsync(server, sid);
        Assert.Equal(EngineIoSendResult.Sent, EioAssert.Session(server, sid).Send("pushed"u8));
        var (status, body) = await poll;
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("4pushed", body);
    }

    [Fact]
    public async Task Volatile_packets_are_dropped_without_a_held_poll()
    {
        await using var server = new EioTestServer();
        var sid = await server.HandshakeAsync();
        var session = EioAssert.Session(server, sid);
        Assert.Equal(EngineIoSendResult.Dropped, session.Send("lost"u8, isVolatile: true));
        Assert.Equal(EngineIoSendResult.Sent, session.Send("kept"u8));
        Assert.Equal("4kept", (await server.GetAsync(EioTestServer.PollPath(sid))).Body);
    }

    [Fact]
    public async Task Buffer_over_its_hard_limit_closes_the_session()
    {
        await using var server = new EioTestServer(new EngineIoOptions { BufferHighWaterMark = 10, BufferHardLimit = 100 });
        var sid = await server.HandshakeAsync();
        var session = EioAssert.Session(server, sid);
        Assert.Equal(EngineIoSendResult.Sent, session.Send(new byte[60]));
        Assert.Equal(EngineIoSendResult.Closed, session.Send(new byte[60]));
        Assert.Equal(EngineIoCloseReason.TransportError, await server.Handler.NextCloseAsync());
    }

    [Fact]
    public async Task Second_concurrent_get_closes_the_session()
    {
        await using var server = new EioTestServer();
        var sid = await server.HandshakeAsync();
        var first = server.GetAsync(EioTestServer.PollPath(sid));
        await EioAssert.PollHeldAsync(server, sid);
        var (status, body) = await server.GetAsync(EioTestServer.PollPath(sid));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(string.Empty, body);
        Assert.Equal((HttpStatusCode.OK, "1"), await first);
        Assert.Equal(EngineIoCloseReason.TransportError, await server.Handler.NextCloseAsync());
        Assert.Equal((HttpStatusCode.BadRequest, "{\"code\":1,\"message\":\"Session ID unknown\"}"), await server.GetAsync(EioTestServer.PollPath(sid)));
        Assert.Equal(0, server.Engine.SessionCount);
    }

    [Fact]
    public async Task Oversized_post_is_413_and_keeps_the_session()
    {
        await using var server = new EioTestServer(new EngineIoOptions { MaxPayload = 100 });
        var sid = await server.HandshakeAsync();
        var (status, body) = await server.PostAsync(EioTestServer.PollPath(sid), "4" + new string('x', 100));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Equal(string.Empty, body);
        Assert.Equal((HttpStatusCode.OK, "ok"), await server.PostAsync(EioTestServer.PollPath(sid), "4fits"));
        Assert.Equal("4fits", (await server.GetAsync(EioTestServer.PollPath(sid))).Body);
    }

    [Fact]
    public async Task Octet_stream_post_is_400_and_closes()
    {
        await using var server = new EioTestServer();
        var sid = await server.HandshakeAsync();
        var (status, _) = await server.PostAsync(EioTestServer.PollPath(sid), "4x", "application/octet-stream");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(EngineIoCloseReason.TransportError, await server.Handler.NextCloseAsync());
        Assert.Empty(server.Handler.Messages);
    }

    [Theory]
    [InlineData("4first\u001eabc")]
    [InlineData("4first\u001e")]
    [InlineData("4first\u001e7")]
    [InlineData("4first\u001eb!!!")]
    public async Task Parse_error_processes_earlier_packets_then_answers_400_and_closes(string payload)
    {
        await using var server = new EioTestServer();
        server.Handler.Echo = false;
        var sid = await server.HandshakeAsync();
        var (status, _) = await server.PostAsync(EioTestServer.PollPath(sid), payload);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(EngineIoCloseReason.ParseError, await server.Handler.NextCloseAsync());
        Assert.Equal([(false, "first"u8.ToArray())], server.Handler.Messages.ToArray());
        Assert.Equal(HttpStatusCode.BadRequest, (await server.GetAsync(EioTestServer.PollPath(sid))).Status);
    }

    [Fact]
    public async Task Close_packet_answers_the_held_poll_with_noop()
    {
        await using var server = new EioTestServer();
        var sid = await server.HandshakeAsync();
        var poll = server.GetAsync(EioTestServer.PollPath(sid));
        await EioAssert.PollHeldAsync(server, sid);
        Assert.Equal((HttpStatusCode.OK, "ok"), await server.PostAsync(EioTestServer.PollPath(sid), "1"));
        Assert.Equal((HttpStatusCode.OK, "6"), await poll);
        Assert.Equal(EngineIoCloseReason.TransportClose, await server.Handler.NextCloseAsync());
        Assert.Equal(0, server.Engine.SessionCount);
    }

    [Fact]
    public async Task Client_ping_is_a_transport_error()
    {
        await using var server = new EioTestServer();
        var sid = await server.HandshakeAsync();
        await server.PostAsync(EioTestServer.PollPath(sid), "2");
        Assert.Equal(EngineIoCloseReason.TransportError, await server.Handler.NextCloseAsync());
    }

    [Fact]
    public async Task Aborted_poll_is_a_transport_error()
    {
        await using var server = new EioTestServer();
        var sid = await server.HandshakeAsync();
        using var raw = await Support.RawConnection.OpenAsync(server.Endpoint);
        await raw.SendAsync($"GET {EioTestServer.PollPath(sid)} HTTP/1.1\r\nHost: x\r\n\r\n");
        await EioAssert.PollHeldAsync(server, sid);
        raw.Dispose();
        Assert.Equal(EngineIoCloseReason.TransportError, await server.Handler.NextCloseAsync());
    }

    [Fact]
    public async Task Server_close_with_a_held_poll_sends_buffered_packets_then_close()
    {
        await using var server = new EioTestServer();
        var sid = await server.HandshakeAsync();
        var session = EioAssert.Session(server, sid);
        var poll = server.GetAsync(EioTestServer.PollPath(sid));
        await EioAssert.PollHeldAsync(server, sid);
        session.Close();
        Assert.Equal((HttpStatusCode.OK, "1"), await poll);
        Assert.Equal(EngineIoCloseReason.ForcedClose, await server.Handler.NextCloseAsync());
    }

    [Fact]
    public async Task Server_close_without_a_held_poll_waits_for_the_next_get()
    {
        await using var server = new EioTestServer();
        var sid = await server.HandshakeAsync();
        var session = EioAssert.Session(server, sid);
        session.Close();
        Assert.False(session.IsOpen);
        Assert.Equal(1, server.Engine.SessionCount);
        Assert.Equal((HttpStatusCode.OK, "6\u001e1"), await server.GetAsync(EioTestServer.PollPath(sid)));
        Assert.Equal(EngineIoCloseReason.ForcedClose, await server.Handler.NextCloseAsync());
        Assert.Equal(0, server.Engine.SessionCount);
    }

    [Fact]
    public async Task Shutdown_answers_held_polls_with_close()
    {
        await using var server = new EioTestServer();
        var sid = await server.HandshakeAsync();
        var poll = server.GetAsync(EioTestServer.PollPath(sid));
        await EioAssert.PollHeldAsync(server, sid);
        server.Engine.CloseAll();
        Assert.Equal((HttpStatusCode.OK, "1"), await poll);
        Assert.Equal(EngineIoCloseReason.ServerShuttingDown, await server.Handler.NextCloseAsync());
    }

    [Fact]
    public async Task Poll_response_is_capped_at_max_payload_and_the_rest_waits()
    {
        await using var server = new EioTestServer(new EngineIoOptions { MaxPayload = 20 });
        var sid = await server.HandshakeAsync();
        var session = EioAssert.Session(server, sid);
        session.Send("0123456789"u8);
        session.Send("abcdefghij"u8);
        Assert.Equal("40123456789", (await server.GetAsync(EioTestServer.PollPath(sid))).Body);
        Assert.Equal("4abcdefghij", (await server.GetAsync(EioTestServer.PollPath(sid))).Body);
    }
}
