using System.Net;
using System.Net.Sockets;
using SocketIo.Engine.Http;
using SocketIo.Engine.Transport;

namespace SocketIo.Engine.Tests.Support;

/// <summary>
/// An in-process <see cref="HttpServer"/> on a free loopback port running <see cref="TestApplication"/>, with
/// its own temporary static-file folder (<see cref="StaticRoot"/>) inside a parent holding a file that must
/// never be served (<see cref="SecretFileName"/>).
/// </summary>
internal sealed class TestHttpServer : IAsyncDisposable
{
    /// <summary>Generous bound for every wait in the network tests: they fail instead of hanging.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public const string SecretFileName = "secret.txt";
    public const string SecretContent = "TOP-SECRET-OUTSIDE-THE-ROOT";

    private readonly HttpServer _server;
    private readonly string _folder;

    public TestHttpServer(HttpServerOptions? options = null, IPAddress? address = null)
    {
        _folder = Directory.CreateTempSubdirectory("engine-nettests-").FullName;
        StaticRoot = Path.Combine(_folder, "www");
        Directory.CreateDirectory(StaticRoot);
        File.WriteAllText(Path.Combine(_folder, SecretFileName), SecretContent);
        Application = new TestApplication(new StaticFileHandler(StaticRoot));
        var transport = new TransportOptions
        {
            Endpoints = [new IPEndPoint(address ?? IPAddress.Loopback, 0)],
            HeartbeatInterval = TimeSpan.FromMilliseconds(50),
        };
        _server = new HttpServer(transport, options ?? new HttpServerOptions(), Application);
        _server.Start();
    }

    public TestApplication Application { get; }

    public string StaticRoot { get; }

    public IPEndPoint Endpoint => _server.BoundEndpoints[0];

    private string Authority => Endpoint.AddressFamily == AddressFamily.InterNetworkV6
        ? $"[{Endpoint.Address}]:{Endpoint.Port}"
        : $"{Endpoint.Address}:{Endpoint.Port}";

    public Uri HttpUri(string path) => new($"http://{Authority}{path}");

    public Uri WsUri(string path = "/echo") => new($"ws://{Authority}{path}");

    public Task StopAsync(TimeSpan timeout) => _server.StopAsync(timeout).WaitAsync(Timeout);

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }
}
