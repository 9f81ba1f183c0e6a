namespace SocketIo.Engine.SocketIO.Adapters;

/// <summary>Per-broadcast flags (PROTOCOL.md 2.11).</summary>
[Flags]
internal enum BroadcastFlags
{
    /// <summary>Queued for every recipient, compressed, forwarded to other nodes.</summary>
    None = 0,

    /// <summary>Dropped for a recipient whose transport cannot take it right now.</summary>
    Volatile = 1,

    /// <summary>The per-message compression hint is off.</summary>
    NoCompress = 2,

    /// <summary>Not forwarded to other server nodes.</summary>
    Local = 4,
}
