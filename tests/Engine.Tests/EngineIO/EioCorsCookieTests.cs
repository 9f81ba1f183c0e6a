using System.Net;
using SocketIo.Engine.EngineIO;

namespace SocketIo.Engine.Tests.EngineIO;

/// <summary>CORS, the sticky-session cookie and the header hooks (PROTOCOL.md 1.11).</summary>
public sealed class EioCorsCookieTests
{
    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values) ? string.Join(",", values) : null;

    private static async Task<HttpResponseMessage> SendAsync(EioTestServer server, HttpMethod method, string path, params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(method, path);
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return await server.Client.SendAsync(request);
    }

    [Fact]
    public async Task Preflight_with_any_origin_is_204_with_default_methods_and_echoed_headers()
    {
        await using var server = new EioTestServer(new EngineIoOptions { Cors = new EngineIoCorsOptions() });
        using var response = await SendAsync(server, HttpMethod.Options, EioTestServer.PollPath(),
            ("Origin", "http://example.com"), ("Access-Control-Request-Method", "POST"), ("Access-Control-Request-Headers", "x-custom"));
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("*", Header(response, "Access-Control-Allow-Origin"));
        Assert.Equal("GET,HEAD,PUT,PATCH,POST,DELETE", Header(response, "Access-Control-Allow-Methods"));
        Assert.Equal("x-custom", Header(response, "Access-Control-Allow-Headers"));
        Assert.Equal("Access-Control-Request-Headers", Header(response, "Vary"));
        Assert.Equal("0", Header(response, "Content-Length"));
        Assert.Null(Header(response, "Access-Control-Max-Age"));
        Assert.Null(Header(response, "Access-Control-Allow-Credentials"));
        Assert.Equal(0, server.Engine.SessionCount);
    }

    [Fact]
    public async Task Credentials_echo_the_origin_on_every_response_including_errors()
    {
        var cors = new EngineIoCorsOptions { Credentials = true, AllowedHeaders = "content-type", MaxAgeSeconds = 600 };
        await using var server = new EioTestServer(new EngineIoOptions { Cors = cors });
        using var preflight = await SendAsync(server, HttpMethod.Options, EioTestServer.PollPath(), ("Origin", "http://a.test"));
        Assert.Equal("http://a.test", Header(preflight, "Access-Control-Allow-Origin"));
        Assert.Equal("true", Header(preflight, "Access-Control-Allow-Credentials"));
        Assert.Equal("content-type", Header(preflight, "Access-Control-Allow-Headers"));
        Assert.Equal("600", Header(preflight, "Access-Control-Max-Age"));

        using var handshake = await SendAsync(server, HttpMethod.Get, EioTestServer.PollPath(), ("Origin", "http://a.test"));
        Assert.Equal(HttpStatusCode.OK, handshake.StatusCode);
        Assert.Equal("http://a.test", Header(handshake, "Access-Control-Allow-Origin"));
        Assert.Equal("Origin", Header(handshake, "Vary"));
        Assert.Equal("true", Header(handshake, "Access-Control-Allow-Credentials"));

        using var error = await SendAsync(server, HttpMethod.Get, "/engine.io/?EIO=4", ("Origin", "http://a.test"));
        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Equal("http://a.test", Header(error, "Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Origin_list_echoes_allowed_origins_only()
    {
        var cors = new EngineIoCorsOptions { Origin = null, Origins = ["http://good.test"] };
        await using var server = new EioTestServer(new EngineIoOptions { Cors = cors });
        using var good = await SendAsync(server, HttpMethod.Get, EioTestServer.PollPath(), ("Origin", "http://good.test"));
        Assert.Equal("http://good.test", Header(good, "Access-Control-Allow-Origin"));
        using var bad = await SendAsync(server, HttpMethod.Get, EioTestServer.PollPath(), ("Origin", "http://evil.test"));
        Assert.Null(Header(bad, "Access-Control-Allow-Origin"));
        Assert.Equal("Origin", Header(bad, "Vary"));
    }

    [Fact]
    public async Task Without_cors_options_falls_through_to_code_2()
    {
        await using var server = new EioTestServer();
        using var response = await SendAsync(server, HttpMethod.Options, EioTestServer.PollPath(), ("Origin", "http://a.test"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("{\"code\":2,\"message\":\"Bad handshake method\"}", await response.Content.ReadAsStringAsync());
        Assert.Null(Header(response, "Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Cookie_is_set_on_the_handshake_only()
    {
        await using var server = new EioTestServer(new EngineIoOptions { Cookie = new EngineIoCookieOptions() });
        using var handshake = await server.Client.GetAsync(EioTestServer.PollPath());
        var body = await handshake.Content.ReadAsStringAsync();
        var sid = body[9..29];
        Assert.Equal($"io={sid}; Path=/; HttpOnly; SameSite=Lax", Header(handshake, "Set-Cookie"));
        server.Engine.TryGetSession(sid, out var session);
        session!.Send("x"u8);
        using var poll = await server.Client.GetAsync(EioTestServer.PollPath(sid));
        Assert.Null(Header(poll, "Set-Cookie"));
    }

    [Fact]
    public async Task Header_hooks_add_to_the_handshake_and_every_response()
    {
        var options = new EngineIoOptions
        {
            InitialHeaders = context => context.AddHeader("X-Initial"u8, "1"u8),
            Headers = context => context.AddHeader("X-Every"u8, "1"u8),
        };
        await using var server = new EioTestServer(options);
        using var handshake = await server.Client.GetAsync(EioTestServer.PollPath());
        var sid = (await handshake.Content.ReadAsStringAsync())[9..29];
        Assert.Equal("1", Header(handshake, "X-Initial"));
        Assert.Equal("1", Header(handshake, "X-Every"));
        using var content = new StringContent("4x");
        using var post = await server.Client.PostAsync(EioTestServer.PollPath(sid), content);
        Assert.Null(Header(post, "X-Initial"));
        Assert.Equal("1", Header(post, "X-Every"));
    }

    // The HTTP parser already refuses control characters in field values; the Engine.IO check (code 3) backs it up.
    [Fact]
    public async Task Origin_with_control_characters_is_refused_before_a_session_exists()
    {
        await using var server = new EioTestServer();
        using var connection = await Support.RawConnection.OpenAsync(server.Endpoint);
        await connection.SendAsync($"GET {EioTestServer.PollPath()} HTTP/1.1\r\nHost: x\r\nOrigin: http://a\u0001b\r\n\r\n");
        var response = await connection.ReadResponseAsync();
        Assert.Equal(400, response.Status);
        Assert.Equal(0, server.Engine.SessionCount);
    }
}
