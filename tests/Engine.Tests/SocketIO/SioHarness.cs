using System.Text;
using System.Text.Json;
using SocketIo.Engine.SocketIO;
using SocketIo.Engine.Tests.Timing;
using SocketIo.Engine.Timing;

namespace SocketIo.Engine.Tests.SocketIO;

/// <summary>A server on a manually driven timer wheel, and helpers to play a client over fake connections.</summary>
internal sealed class SioHarness
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(10);
    private readonly ManualTimeProvider _clock = new();
    private int _connections;

    public SioHarness(SocketIoServerOptions? options = null)
    {
        Wheel = new TimerWheel(Tick, _clock);
        Server = new SocketIoServer(options, Wheel, loggerFactory: null);
    }

    public TimerWheel Wheel { get; }

    public SocketIoServer Server { get; }

    /// <summary>Moves the clock and fires whatever became due.</summary>
    public void Advance(TimeSpan by)
    {
        _clock.Advance(by);
        Wheel.RunDue();
    }

    public Peer Open() => new(this, Server, new FakeEngineConnection("eio-" + ++_connections));

    /// <summary>Opens a connection and joins <paramref name="nsp"/>; returns the peer and the server-side socket.</summary>
    public (Peer Peer, SocketIoSocket Socket) Join(string nsp = "/", string? auth = null)
    {
        var peer = Open();
        var socket = peer.Join(nsp, auth);
        return (peer, socket);
    }
}

/// <summary>The client side of one fake connection.</summary>
internal sealed class Peer
{
    private readonly SocketIoServer _server;

    public Peer(SioHarness harness, SocketIoServer server, FakeEngineConnection connection)
    {
        Harness = harness;
        _server = server;
        Connection = connection;
        Client = server.Accept(connection);
    }

    public SioHarness Harness { get; }

    public FakeEngineConnection Connection { get; }

    public SocketIo.Engine.SocketIO.SocketIoClient Client { get; }

    public IReadOnlyList<string> Texts => Connection.Texts;

    public void Text(string socketIoText) => Client.OnMessage(Encoding.UTF8.GetBytes(socketIoText), isBinary: false);

    public void Binary(params byte[] data) => Client.OnMessage(data, isBinary: true);

    /// <summary>Sends CONNECT and returns the accepted socket (asserting the reply).</summary>
    public SocketIoSocket Join(string nsp = "/", string? auth = null)
    {
        var prefix = nsp == "/" ? string.Empty : nsp + ",";
        var before = Texts.Count;
        Text("0" + prefix + auth);
        var reply = Texts[before];
        Assert.StartsWith("0" + prefix + "{\"sid\":\"", reply, StringComparison.Ordinal);
        var sid = JsonDocument.Parse(reply[(1 + prefix.Length)..]).RootElement.GetProperty("sid").GetString()!;
        return _server.Of(nsp).Sockets[sid];
    }
}
