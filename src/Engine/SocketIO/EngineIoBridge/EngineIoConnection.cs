using SocketIo.Engine.EngineIO;
using SocketIo.Engine.SocketIO.Connections;

namespace SocketIo.Engine.SocketIO.EngineIoBridge;

/// <summary>
/// One Engine.IO session seen as the connection the Socket.IO layer writes to: a packet goes out as the message
/// <c>4</c> + text followed by one binary message per attachment (PROTOCOL.md 2.5), using frames cached in the packet.
/// </summary>
/// <remarks>
/// Thread-safe as the session is. The Socket.IO client serializes its sends, so a packet's text and attachments are
/// never interleaved with another packet of the same connection.
/// </remarks>
internal sealed class EngineIoConnection(EngineIoSession session, EngineHandshake handshake) : IEngineConnection
{
    /// <summary>The <see cref="EncodedPacket"/> cache slot of the Engine.IO frames (they serve every transport).</summary>
    private const int FramesSlot = 0;

    private static readonly Func<EncodedPacket, object?, EngineIoPacketFrames> CreateFrames = static (packet, _) => EngineIoPacketFrames.Create(packet);

    /// <summary>The session carrying this connection.</summary>
    public EngineIoSession Session { get; } = session;

    /// <inheritdoc />
    public string Id => Session.Id;

    /// <inheritdoc />
    public EngineHandshake Handshake { get; } = handshake;

    /// <inheritdoc />
    public bool IsWritable => Session.IsWritable;

    /// <inheritdoc />
    public bool Send(EncodedPacket packet)
    {
        ArgumentNullException.ThrowIfNull(packet);
        var frames = packet.GetOrCreate(FramesSlot, CreateFrames, null);

        // The session takes its own reference to each frame it queues; the packet's references die with it.
        if (Session.Send(frames.Text) != EngineIoSendResult.Sent)
        {
            return false;
        }

        foreach (var attachment in frames.Attachments)
        {
            if (Session.Send(attachment) != EngineIoSendResult.Sent)
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc />
    public void Close() => Session.Close();
}
