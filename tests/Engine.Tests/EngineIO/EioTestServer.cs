using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using SocketIo.Engine.EngineIO;
using SocketIo.Engine.Http;
using SocketIo.Engine.Timing;
using SocketIo.Engine.Transport;
using SocketIo.Engine.Tests.Support;

namespace SocketIo.Engine.Tests.EngineIO;

/// <summary>An in-process Engine.IO server at <c>/engine.io/</c> on a free loopback port, with a recording echo handler.</summary>
internal sealed class EioTestServer : IAsyncDisposable
{
    private readonly HttpServer _http;
    private readonly TimerWheel _timers = new(TimeSpan.FromMilliseconds(5));

    public EioTestServer(EngineIoOptions? options = null)
    {
        Options = options ?? new EngineIoOptions();
        Engine = new EngineIoServer(Options, Handler, _timers);
        _timers.Start();
        var transport = new TransportOptions { Endpoints = [new IPEndPoint(IPAddress.Loopback, 0)], HeartbeatInterval = TimeSpan.FromMilliseconds(50) };
        var http = new HttpServerOptions { Parser = new Protocol.Http.HttpParserOptions { MaxRequestBodySize = Options.MaxPayload + 1024L } };
        _http = new HttpServer(transport, http, Engine);
        _http.Start();
        Client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{Endpoint.Port}"), Timeout = TestHttpServer.Timeout };
    }

    public EngineIoOptions Options { get; }

    public RecordingEngineIoHandler Handler { get; } = new();

    public EngineIoServer Engine { get; }

    public HttpClient Client { get; }

    public IPEndPoint Endpoint => _http.BoundEndpoints[0];

    public string BaseUrl => $"http://127.0.0.1:{Endpoint.Port}";

    public static string PollPath(string? sid = null) => "/engine.io/?EIO=4&transport=polling" + (sid is null ? string.Empty : "&sid=" + sid);

    /// <summary>Does a polling handshake and returns the sid (checking the open packet's shape).</summary>
    public async Task<string> HandshakeAsync()
    {
        var response = await Client.GetAsync(PollPath());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("0{", body, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(body[1..]);
        return json.RootElement.GetProperty("sid").GetString()!;
    }

    public async Task<(HttpStatusCode Status, string Body)> GetAsync(string path)
    {
        using var response = await Client.GetAsync(path);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public async Task<(HttpStatusCode Status, string Body)> PostAsync(string path, string body, string? contentType = "text/plain;charset=UTF-8")
    {
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        if (contentType is not null)
        {
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        using var response = await Client.PostAsync(path, content);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Engine.DisposeAsync();
        await _http.DisposeAsync();
        await _timers.DisposeAsync();
    }
}
