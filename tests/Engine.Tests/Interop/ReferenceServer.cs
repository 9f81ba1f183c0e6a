using System.Collections.Concurrent;
using System.Net;
using SocketIo.Engine.EngineIO;
using SocketIo.Engine.Http;
using SocketIo.Engine.SocketIO;
using SocketIo.Engine.SocketIO.EngineIoBridge;
using SocketIo.Engine.Tests.Support;
using SocketIo.Engine.Transport;
using SocketIo.Host.Apps;

namespace SocketIo.Engine.Tests.Interop;

/// <summary>
/// The Host's reference app (<see cref="ReferenceApp"/>) served in-process at <c>/socket.io/</c> on a loopback port,
/// plus observers on <c>/</c> and <c>/custom</c> that record each socket's disconnect reason, so tests can check what
/// the server saw. <see cref="RestartAsync"/> stops it and serves a fresh app on the same port.
/// </summary>
internal sealed class ReferenceServer : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource<string>> _reasons = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _events = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _connectionIds = new(StringComparer.Ordinal);
    private readonly EngineIoOptions? _engineIoOptions;
    private SocketIoEndpoint _endpoint;
    private HttpServer _http;
    private TaskCompletionSource<SocketIoSocket> _nextConnection = NewConnectionSource();

    public ReferenceServer(EngineIoOptions? engineIoOptions = null)
    {
        _engineIoOptions = engineIoOptions;
        (_endpoint, _http) = Start(0);
        Port = _http.BoundEndpoints[0].Port;
    }

    public int Port { get; }

    /// <summary>The URL socket.io-client connects to (its default path is <c>/socket.io/</c>).</summary>
    public string BaseUrl => $"http://127.0.0.1:{Port}";

    public IPEndPoint Endpoint => new(IPAddress.Loopback, Port);

    public SocketIoServer Io => _endpoint.Server;

    public EngineIoServer Engine => _endpoint.Engine;

    /// <summary>The server-side disconnect reason of socket <paramref name="id"/> (of <c>/</c> or <c>/custom</c>), once it disconnects.</summary>
    public async Task<string> DisconnectReasonAsync(string id)
    {
        var reason = _reasons.GetOrAdd(id, static _ => new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
        try
        {
            return await reason.WaitAsync(TestHttpServer.Timeout);
        }
        catch (TimeoutException)
        {
            return $"(socket {id} still connected after {TestHttpServer.Timeout.TotalSeconds} s)";
        }
    }

    /// <summary>Completes once some socket of <c>/</c> received an event named <paramref name="eventName"/>.</summary>
    public Task EventAsync(string eventName) =>
        _events.GetOrAdd(eventName, static _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task.WaitAsync(TestHttpServer.Timeout);

    /// <summary>The Engine.IO session id under socket <paramref name="id"/> (of <c>/</c>, <c>/custom</c> or <c>/private</c>), recorded when it connected.</summary>
    public string? ConnectionIdOf(string id) => _connectionIds.GetValueOrDefault(id);

    /// <summary>Completes when the next socket connects to <c>/</c>.</summary>
    public Task<SocketIoSocket> NextConnectionAsync() => Volatile.Read(ref _nextConnection).Task.WaitAsync(TestHttpServer.Timeout);

    /// <summary>Stops serving (every socket gets <c>server shutting down</c>) and serves a fresh app on the same port.</summary>
    public async Task RestartAsync()
    {
        await StopAsync();
        (_endpoint, _http) = Start(Port);
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private async Task StopAsync()
    {
        _endpoint.Close();
        await _http.StopAsync(TimeSpan.FromSeconds(5)).WaitAsync(TestHttpServer.Timeout);
        await _http.DisposeAsync();
        await _endpoint.DisposeAsync();
    }

    private (SocketIoEndpoint, HttpServer) Start(int port)
    {
        var endpoint = new SocketIoEndpoint(engineIoOptions: _engineIoOptions);
        ReferenceApp.Configure(endpoint.Server);
        endpoint.Server.Of("/").OnConnection(socket =>
        {
            Observe(socket);
            socket.OnAny(e => _events.GetOrAdd(e.EventName, static _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult());
            Interlocked.Exchange(ref _nextConnection, NewConnectionSource()).TrySetResult(socket);
        });
        endpoint.Server.Of("/custom").OnConnection(Observe);
        endpoint.Server.Of("/private").OnConnection(Observe);
        var transport = new TransportOptions { Endpoints = [new IPEndPoint(IPAddress.Loopback, port)], HeartbeatInterval = TimeSpan.FromMilliseconds(50) };
        var http = new HttpServer(transport, endpoint.CreateHttpOptions(), endpoint);
        http.Start();
        return (endpoint, http);
    }

    private void Observe(SocketIoSocket socket)
    {
        _connectionIds[socket.Id] = socket.ConnectionId;
        socket.OnDisconnect(reason => _reasons.GetOrAdd(socket.Id, static _ => new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult(reason));
    }

    private static TaskCompletionSource<SocketIoSocket> NewConnectionSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
