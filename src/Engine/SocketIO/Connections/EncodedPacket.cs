using Microsoft.Extensions.ObjectPool;
using SocketIo.Engine.Buffers;
using SocketIo.Protocol.SocketIO;

namespace SocketIo.Engine.SocketIO.Connections;

/// <summary>
/// One Socket.IO packet encoded once: its text (the Engine.IO message data, without the <c>4</c> type prefix) and its
/// binary attachments, plus a cache of transport frames built from them, one per transport kind. A broadcast hands
/// this same object to every recipient's <see cref="IEngineConnection.Send"/>, so the packet is serialized once and
/// each transport kind frames it once.
/// </summary>
/// <remarks>
/// Ownership: the emitter rents it, sends it, then calls <see cref="Release"/>. Connections must not keep the packet
/// past <see cref="IEngineConnection.Send"/>; they keep a reference to a cached frame instead (<c>AddRef</c>), which
/// outlives the packet. <see cref="GetOrCreateFrame{TState}"/> is thread-safe; everything else is read-only while
/// the packet is being sent.
/// </remarks>
internal sealed class EncodedPacket
{
    /// <summary>How many transport kinds can cache a frame (for example 0 = WebSocket, 1 = polling).</summary>
    public const int FrameKinds = 4;

    private static readonly DefaultObjectPool<EncodedPacket> Pool = new(new Policy(), 256);

    private readonly object?[] _frames = new object?[FrameKinds];
    private readonly List<ReadOnlyMemory<byte>> _attachments = [];
    private SharedFrame? _text;

    private EncodedPacket()
    {
    }

    /// <summary>The Socket.IO packet text, e.g. <c>2["chat","hi"]</c> or <c>51-/admin,["up",{"_placeholder":true,"num":0}]</c>.</summary>
    public ReadOnlySpan<byte> Text => _text is null ? default : _text.Span;

    /// <summary>The text as memory (valid until <see cref="Release"/>).</summary>
    public ReadOnlyMemory<byte> TextMemory => _text is null ? default : _text.Memory;

    /// <summary>The binary attachments, in placeholder order; each is one Engine.IO binary message after the text.</summary>
    public IReadOnlyList<ReadOnlyMemory<byte>> Attachments => _attachments;

    /// <summary>The per-message compression hint (permessage-deflate / polling gzip).</summary>
    public bool Compress { get; internal set; } = true;

    /// <summary>The packet type (kept for adapters that re-encode, such as a Redis adapter).</summary>
    public SocketIoPacketType Type { get; internal set; }

    /// <summary>The namespace the packet belongs to.</summary>
    public string Namespace { get; internal set; } = "/";

    /// <summary>The ack id, or <see cref="SocketIoPacket.NoAckId"/>.</summary>
    public long AckId { get; internal set; } = SocketIoPacket.NoAckId;

    /// <summary>Where encoders collect the attachments.</summary>
    internal List<ReadOnlyMemory<byte>> AttachmentSink => _attachments;

    /// <summary>Rents an empty packet whose text buffer has room for <paramref name="capacity"/> bytes.</summary>
    internal static EncodedPacket Rent(int capacity = 256)
    {
        var packet = Pool.Get();
        packet._text = SharedFramePool.Shared.Rent(capacity);
        return packet;
    }

    /// <summary>The writer the encoder fills; only while the packet is being built.</summary>
    internal SharedFrame Writer => _text!;

    /// <summary>
    /// Returns the frame cached for <paramref name="kind"/>, building it with <paramref name="factory"/> on first use.
    /// The returned frame belongs to the packet: call <c>AddRef</c> to keep it beyond the current
    /// <see cref="IEngineConnection.Send"/> call.
    /// </summary>
    public SharedFrame GetOrCreateFrame<TState>(int kind, Func<EncodedPacket, TState, SharedFrame> factory, TState state) =>
        GetOrCreate(kind, factory, state);

    /// <summary>
    /// Returns the transport-specific object cached in <paramref name="kind"/> (for example the Engine.IO frames of
    /// the text and of each attachment), building it once with <paramref name="factory"/>. The packet releases it
    /// with itself: a <see cref="SharedFrame"/> is released, an <see cref="IDisposable"/> disposed. When two threads
    /// race, one value wins and the other is released at once.
    /// </summary>
    public T GetOrCreate<T, TState>(int kind, Func<EncodedPacket, TState, T> factory, TState state)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(factory);
        if (Volatile.Read(ref _frames[kind]) is T cached)
            return cached;
        var created = factory(this, state);
        var winner = Interlocked.CompareExchange(ref _frames[kind], created, null);
        if (winner is null)
            return created;
        Free(created);
        return (T)winner;
    }

    /// <summary>Releases the text, the cached frames (frames queued elsewhere live on) and returns the packet to the pool.</summary>
    public void Release()
    {
        for (var i = 0; i < _frames.Length; i++)
        {
            if (_frames[i] is { } cached)
                Free(cached);
            _frames[i] = null;
        }

        _text?.Release();
        _text = null;
        _attachments.Clear();
        Compress = true;
        Type = default;
        Namespace = "/";
        AckId = SocketIoPacket.NoAckId;
        Pool.Return(this);
    }

    private static void Free(object cached)
    {
        if (cached is SharedFrame frame)
            frame.Release();
        else
            (cached as IDisposable)?.Dispose();
    }

    private sealed class Policy : IPooledObjectPolicy<EncodedPacket>
    {
        public EncodedPacket Create() => new();

        public bool Return(EncodedPacket obj) => true;
    }
}
