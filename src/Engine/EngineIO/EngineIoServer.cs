using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using SocketIo.Engine.Timing;

namespace SocketIo.Engine.EngineIO;

/// <summary>
/// An Engine.IO v4 server mounted on a path of an HTTP server: the request dispatcher (PROTOCOL.md 1.2), the
/// session table, and the timer wheel every session's heartbeat runs on. Hand it the requests whose path
/// <see cref="IsMatch"/> accepts (it is an <see cref="Http.IHttpApplication"/>).
/// </summary>
/// <remarks>Thread-safe.</remarks>
internal sealed partial class EngineIoServer : IAsyncDisposable
{
    private const int SidByteCount = 15;

    private readonly ConcurrentDictionary<string, EngineIoSession> _sessions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, EngineIoSession>.AlternateLookup<ReadOnlySpan<char>> _sessionsBySpan;
    private readonly byte[] _path;
    private readonly bool _ownsTimers;

    /// <summary>Creates the server; <paramref name="timers"/> drives the heartbeats (a started wheel of its own when null).</summary>
    public EngineIoServer(EngineIoOptions options, IEngineIoHandler handler, TimerWheel? timers = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(handler);
        options.Validate();
        Options = options;
        Handler = handler;
        _path = Encoding.UTF8.GetBytes(options.NormalizedPath);
        _sessionsBySpan = _sessions.GetAlternateLookup<ReadOnlySpan<char>>();
        if (timers is null)
        {
            timers = new TimerWheel();
            timers.Start();
            _ownsTimers = true;
        }

        Timers = timers;
    }

    /// <summary>The options (validated).</summary>
    public EngineIoOptions Options { get; }

    /// <summary>The layer above.</summary>
    public IEngineIoHandler Handler { get; }

    /// <summary>Number of sessions in the table (open, or closing and waiting to deliver their close packet).</summary>
    public int SessionCount => _sessions.Count;

    /// <summary>The wheel the heartbeats and timeouts run on.</summary>
    internal TimerWheel Timers { get; }

    /// <summary>True when <paramref name="path"/> (the request path without the query) is under the mount path.</summary>
    public bool IsMatch(ReadOnlySpan<byte> path) => path.StartsWith(_path);

    /// <summary>Finds a session by id without allocating.</summary>
    public bool TryGetSession(ReadOnlySpan<char> id, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out EngineIoSession? session) =>
        _sessionsBySpan.TryGetValue(id, out session);

    /// <summary>Closes every session with <c>server shutting down</c> (waiting polls get a close packet, WebSockets a Close frame).</summary>
    public void CloseAll()
    {
        foreach (var session in _sessions.Values)
        {
            session.Close(EngineIoCloseReason.ServerShuttingDown);
        }
    }

    /// <summary>Closes every session and stops the timer wheel if the server created it.</summary>
    public async ValueTask DisposeAsync()
    {
        CloseAll();
        if (_ownsTimers)
        {
            await Timers.DisposeAsync().ConfigureAwait(false);
        }
    }

    internal void Remove(EngineIoSession session) => _sessions.TryRemove(new KeyValuePair<string, EngineIoSession>(session.Id, session));

    private EngineIoSession CreateSession(EngineIoTransports transport)
    {
        while (true)
        {
            var session = new EngineIoSession(this, NewId(), transport);
            if (_sessions.TryAdd(session.Id, session))
            {
                return session;
            }
        }
    }

    /// <summary>15 random bytes as base64url: 20 characters, unguessable and URL-safe, like the reference's ids.</summary>
    private static string NewId()
    {
        Span<byte> bytes = stackalloc byte[SidByteCount];
        RandomNumberGenerator.Fill(bytes);
        return string.Create(Base64Url.GetEncodedLength(SidByteCount), bytes, static (chars, bytes) => Base64Url.EncodeToChars(bytes, chars));
    }
}
