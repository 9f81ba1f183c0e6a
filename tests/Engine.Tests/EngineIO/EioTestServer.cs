using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using SocketIo.Engine.EngineIO;
using SocketIo.Engine.Http;
using SocketIo.Engine.Timing;
using SocketIo.Engine.Transport;
using SocketIo.Engine.Tests.Support;
using SocketIo.Engine.Tests.Timing;

namespace SocketIo.Engine.Tests.EngineIO;

/// <summary>An in-process Engine.IO server at <c>/engine.io/</c> on a free loopback port, with a recording echo handler.</summary>
internal sealed class EioTestServer : IAsyncDisposable
{
    private readonly HttpServer _http;
    private readonly TimerWheel _timers;
    private readonly ManualTimeProvider? _time;

    /// <summary>Starts the server; with <paramref name="manualTime"/> its timers move only on <see cref="AdvanceTime"/>.</summary>
    public EioTestServer(EngineIoOptions? options = null, bool manualTime = false)
    {
        Options = options ?? new EngineIoOptions();
        _time = manualTime ? new ManualTimeProvider() : null;
        _timers = new TimerWheel(TimeSpan.FromMilliseconds(5), _time);
        Engine = new EngineIoServer(Options, Handler, _timers);
        if (_time is null)
        {
            _timers.Start();
        }

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

    /// <summary>Moves the manual clock and fires the timers now due, on the calling thread.</summary>
    public void AdvanceTime(TimeSpan by)
    {
        _time!.Advance(by);
        _timers.RunDue();
    }

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
