using System.Runtime.InteropServices;
using Microsoft.Extensions.ObjectPool;
using SocketIo.Engine.EngineIO;
using SocketIo.Engine.SocketIO.Connections;
using SocketIo.Protocol.EngineIO;

namespace SocketIo.Engine.SocketIO.EngineIoBridge;

/// <summary>
/// The Engine.IO frames of one Socket.IO packet: the message <c>4</c> + text, then one binary message per
/// attachment. Built once per packet and cached in it (<see cref="EncodedPacket.GetOrCreate{T, TState}"/>), so a
/// broadcast frames its packet once and every session queues references to the same bytes. One
/// <see cref="EngineIoPacketFrame"/> serves both transports (a WebSocket frame whose payload is the polling text).
/// </summary>
/// <remarks>Pooled: the packet disposes it when released, which drops these references and returns it here.</remarks>
internal sealed class EngineIoPacketFrames : IDisposable
{
    private static readonly DefaultObjectPool<EngineIoPacketFrames> Pool = new(new Policy(), 256);

    private readonly List<EngineIoPacketFrame> _attachments = [];

    private EngineIoPacketFrames()
    {
    }

    /// <summary>The message packet carrying the Socket.IO text.</summary>
    public EngineIoPacketFrame Text { get; private set; }

    /// <summary>One binary message per attachment, in placeholder order.</summary>
    public IReadOnlyList<EngineIoPacketFrame> Attachments => _attachments;

    /// <summary>The attachments as a span (valid while the packet holding these frames is alive).</summary>
    public ReadOnlySpan<EngineIoPacketFrame> AttachmentSpan => CollectionsMarshal.AsSpan(_attachments);

    /// <summary>Frames <paramref name="packet"/> (the factory handed to <see cref="EncodedPacket.GetOrCreate{T, TState}"/>).</summary>
    public static EngineIoPacketFrames Create(EncodedPacket packet)
    {
        var frames = Pool.Get();
        frames.Text = EngineIoPacketFrame.CreateText(EngineIOPacketType.Message, packet.Text);
        foreach (var attachment in packet.Attachments)
        {
            frames._attachments.Add(EngineIoPacketFrame.CreateBinary(attachment.Span));
        }

        return frames;
    }

    /// <summary>Drops this holder's references (sessions that queued the frames keep theirs) and returns it to the pool.</summary>
    public void Dispose()
    {
        Text.Release();
        Text = default;
        foreach (var frame in _attachments)
        {
            frame.Release();
        }

        _attachments.Clear();
        Pool.Return(this);
    }

    private sealed class Policy : IPooledObjectPolicy<EngineIoPacketFrames>
    {
        public EngineIoPacketFrames Create() => new();

        public bool Return(EngineIoPacketFrames obj) => true;
    }
}
