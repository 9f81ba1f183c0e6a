using SocketIo.Engine.Http;

namespace SocketIo.Engine.EngineIO;

/// <summary>Engine.IO server settings. Defaults equal the Node reference's (PROTOCOL.md 1.3).</summary>
internal sealed record EngineIoOptions
{
    /// <summary>Mount path, matched as a prefix with a trailing slash (<c>/engine.io/</c>, or <c>/socket.io/</c> under Socket.IO).</summary>
    public string Path { get; init; } = "/engine.io/";

    /// <summary>Time between the server's pings (reference 25 s).</summary>
    public TimeSpan PingInterval { get; init; } = TimeSpan.FromMilliseconds(25_000);

    /// <summary>Time the client has to answer a ping (reference 20 s).</summary>
    public TimeSpan PingTimeout { get; init; } = TimeSpan.FromMilliseconds(20_000);

    /// <summary>Time an upgrade from polling to WebSocket may take (reference 10 s).</summary>
    public TimeSpan UpgradeTimeout { get; init; } = TimeSpan.FromMilliseconds(10_000);

    /// <summary>
    /// <c>maxHttpBufferSize</c>: the largest POST body and WebSocket message in bytes (reference 1e6), announced as
    /// <c>maxPayload</c>. The HTTP layer's body limit must be at least this.
    /// </summary>
    public int MaxPayload { get; init; } = 1_000_000;

    /// <summary>The transports accepted.</summary>
    public EngineIoTransports Transports { get; init; } = EngineIoTransports.All;

    /// <summary>Whether a polling session may upgrade to WebSocket.</summary>
    public bool AllowUpgrades { get; init; } = true;

    /// <summary>CORS settings; null (the default) sends no CORS headers and lets OPTIONS fall through.</summary>
    public EngineIoCorsOptions? Cors { get; init; }

    /// <summary>The sticky-session cookie; null (the default) sets none.</summary>
    public EngineIoCookieOptions? Cookie { get; init; }

    /// <summary>
    /// Decides whether a handshake may proceed: return null to allow it, or a refusal message (empty means
    /// <c>Forbidden</c>), answered 403 with code 4. The request stays valid until the task completes.
    /// </summary>
    public Func<HttpContext, ValueTask<string?>>? AllowRequest { get; init; }

    /// <summary>Adds headers to the handshake response (polling response or WebSocket 101).</summary>
    public Action<HttpContext>? InitialHeaders { get; init; }

    /// <summary>Adds headers to every handshake, poll and data response.</summary>
    public Action<HttpContext>? Headers { get; init; }

    /// <summary>
    /// Bytes waiting for a poll above which volatile packets are dropped (the polling counterpart of the
    /// transport's output high-water mark).
    /// </summary>
    public long BufferHighWaterMark { get; init; } = 1024 * 1024;

    /// <summary>Bytes waiting for a poll above which the session is closed with <c>transport error</c>.</summary>
    public long BufferHardLimit { get; init; } = 64L * 1024 * 1024;

    /// <summary>How long a server-closed polling session waits for the GET that carries its close packet (reference 30 s).</summary>
    public TimeSpan CloseDrainTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Checks every value; throws <see cref="ArgumentException"/> for a bad one.</summary>
    public void Validate()
    {
        ArgumentException.ThrowIfNullOrEmpty(Path);
        if (Path[0] != '/')
        {
            throw new ArgumentException("The path must start with '/'.", nameof(Path));
        }

        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(PingInterval, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(PingTimeout, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(UpgradeTimeout, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(CloseDrainTimeout, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxPayload, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(BufferHighWaterMark, 0);
        ArgumentOutOfRangeException.ThrowIfLessThan(BufferHardLimit, BufferHighWaterMark);
        if ((Transports & EngineIoTransports.All) == EngineIoTransports.None || (Transports & ~EngineIoTransports.All) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(Transports), Transports, "Enable polling, WebSocket or both.");
        }
    }

    /// <summary>The path with exactly one trailing slash, as matched.</summary>
    internal string NormalizedPath => Path.EndsWith('/') ? Path : Path + "/";
}
