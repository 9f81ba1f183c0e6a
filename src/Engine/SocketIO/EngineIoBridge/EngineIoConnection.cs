using System.Runtime.CompilerServices;
using SocketIo.Engine.Buffers;
using SocketIo.Engine.EngineIO;
using SocketIo.Engine.Transport;
using SocketIo.Engine.WebSockets;
using SocketIo.Engine.SocketIO.Connections;

namespace SocketIo.Engine.SocketIO.EngineIoBridge;

/// <summary>
/// One Engine.IO session seen as the connection the Socket.IO layer writes to: a packet goes out as the message
/// <c>4</c> + text followed by one binary message per attachment (PROTOCOL.md 2.5), using frames cached in the packet.
/// </summary>
/// <remarks>
/// Thread-safe as the session is. Each <see cref="Send"/> is atomic: a packet's text and attachments are queued under
/// one acquisition of the session lock, never interleaved with another packet of the same connection.
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
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool Send(EncodedPacket packet)
    {
        ArgumentNullException.ThrowIfNull(packet);
        var frames = packet.GetOrCreate(FramesSlot, CreateFrames, null);

        // One call queues the text and its attachments together (the session takes its own reference to each frame;
        // the packet's references die with it), so no other packet of the connection can land between them.
        return Session.Send(frames.Text, frames.AttachmentSpan) == EngineIoSendResult.Sent;
    }

    /// <inheritdoc />
    public void Close() => Session.Close();

    /// <summary>
    /// Loads, one level at a time for all of them, what sends to these connections will read: each entry starts as an
    /// <see cref="IEngineConnection"/> and is replaced by the next object on its send path (entries of other connection
    /// types end as null). The loads of one level are independent, so their cache misses overlap (see
    /// <see cref="Adapters.RecipientBatch"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void WarmSendPaths(Span<object?> hops)
    {
        for (var i = 0; i < hops.Length; i++)
            hops[i] = (hops[i] as EngineIoConnection)?.Session;
        for (var i = 0; i < hops.Length; i++)
            hops[i] = Unsafe.As<EngineIoSession?>(hops[i])?.WarmSendPath();
        for (var i = 0; i < hops.Length; i++)
            hops[i] = Unsafe.As<WebSocketConnection?>(hops[i])?.WarmSendPath();
        for (var i = 0; i < hops.Length; i++)
            hops[i] = Unsafe.As<TransportConnection?>(hops[i])?.WarmSendPath();

        // The queue's first slots share a cache line with its length.
        for (var i = 0; i < hops.Length; i++)
            hops[i] = Unsafe.As<SharedFrame?[]?>(hops[i]) is { Length: > 0 } queue ? queue : null;
    }
}
