using System.Text;
using SocketIo.Engine.SocketIO.Connections;

namespace SocketIo.Engine.Tests.SocketIO;

/// <summary>One packet as the connection received it: the Socket.IO text and its attachments, copied.</summary>
internal sealed record SentPacket(string Text, byte[][] Attachments, bool Compress);

/// <summary>An Engine.IO connection that records what the Socket.IO layer sends.</summary>
internal sealed class FakeEngineConnection(string id = "eio-sid") : IEngineConnection
{
    private readonly List<SentPacket> _sent = [];

    public string Id { get; } = id;

    public EngineHandshake Handshake { get; init; } = new()
    {
        Headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["user-agent"] = "test" },
        Query = new Dictionary<string, string> { ["EIO"] = "4", ["transport"] = "websocket" },
        Address = "127.0.0.1",
        Url = "/socket.io/?EIO=4&transport=websocket",
        Issued = new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero),
    };

    public bool IsWritable { get; set; } = true;

    public bool Closed { get; private set; }

    public int CloseCalls { get; private set; }

    public IReadOnlyList<SentPacket> Sent
    {
        get
        {
            lock (_sent)
                return [.. _sent];
        }
    }

    /// <summary>The texts sent so far.</summary>
    public IReadOnlyList<string> Texts => [.. Sent.Select(p => p.Text)];

    public bool Send(EncodedPacket packet)
    {
        if (Closed)
            return false;
        var attachments = packet.Attachments.Select(a => a.ToArray()).ToArray();
        lock (_sent)
            _sent.Add(new SentPacket(Encoding.UTF8.GetString(packet.Text), attachments, packet.Compress));
        return true;
    }

    public void Close()
    {
        CloseCalls++;
        Closed = true;
    }

    public void Clear()
    {
        lock (_sent)
            _sent.Clear();
    }
}
