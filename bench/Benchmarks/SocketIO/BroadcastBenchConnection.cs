using SocketIo.Engine.Buffers;
using SocketIo.Engine.SocketIO.Connections;

namespace SocketIo.Benchmarks.SocketIO;

/// <summary>
/// An Engine.IO connection that does what a real one does per packet: takes the packet's cached WebSocket-kind
/// frame (built once per broadcast: <c>4</c> + text) and holds a reference to it as a send queue would, releasing
/// the previous one as a send loop would after writing it.
/// </summary>
internal sealed class BroadcastBenchConnection(int id) : IEngineConnection
{
    private static readonly Func<EncodedPacket, int, SharedFrame> BuildFrame = static (packet, _) =>
    {
        var text = packet.Text;
        var frame = SharedFramePool.Shared.Rent(text.Length + 1);
        var span = frame.GetSpan(text.Length + 1);
        span[0] = (byte)'4';
        text.CopyTo(span[1..]);
        frame.Advance(text.Length + 1);
        return frame;
    };

    private SharedFrame? _queued;

    public string Id { get; } = "eio-" + id;

    public EngineHandshake Handshake { get; } = new();

    public bool IsWritable => true;

    public long Sent { get; private set; }

    public bool Send(EncodedPacket packet)
    {
        var frame = packet.GetOrCreateFrame(0, BuildFrame, 0);
        frame.AddRef();
        _queued?.Release();
        _queued = frame;
        Sent++;
        return true;
    }

    public void Close()
    {
    }

    public void Drain()
    {
        _queued?.Release();
        _queued = null;
    }
}
