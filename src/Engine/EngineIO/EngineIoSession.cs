using System.Runtime.CompilerServices;
using SocketIo.Engine.Transport;
using SocketIo.Engine.Http;
using SocketIo.Engine.Timing;
using SocketIo.Engine.WebSockets;
using SocketIo.Protocol.EngineIO;

namespace SocketIo.Engine.EngineIO;

/// <summary>
/// One Engine.IO connection: a small state machine (open, closing, closed; polling or WebSocket; upgrade none,
/// upgrading, probed) guarded by one lock, its send buffer (references to pooled packets, never copies), the held
/// poll, and two timer-wheel nodes created once: the heartbeat (ping, then ping timeout, or close drain: never two of
/// them at once, so one node and a phase) and, on the first upgrade, the upgrade timeout.
/// </summary>
/// <remarks>
/// Thread safety: every member may be called from any thread. The lock is never held while the layer above is
/// called (<see cref="IEngineIoHandler"/>), so the handler may send or close from its callbacks.
/// </remarks>
internal sealed partial class EngineIoSession : ITimerTarget
{
    private const int HeartbeatTimer = 0;
    private const int UpgradeTimer = 1;

    private readonly EngineIoServer _server;
    private readonly EngineIoOptions _options;
    private readonly TimerEntry _heartbeat;
    private HeartbeatPhase _heartbeatPhase;
    private TimerEntry? _upgradeTimeout; // Created on the first upgrade: most sessions open on a WebSocket and never upgrade.
    private Queue<EngineIoPacketFrame>? _buffer; // Created when a packet first waits (polling or upgrading).
    private long _bufferedBytes;
    private SessionState _state;
    private EngineIoCloseReason _closeReason;
    private EngineIoTransports _transport;
    private UpgradeState _upgrade;
    private WebSocketConnection? _webSocket;
    private WebSocketConnection? _upgradeWebSocket;
    private PendingPoll? _pendingPoll;
    private bool _postInFlight;

    internal EngineIoSession(EngineIoServer server, string id, EngineIoTransports transport)
    {
        _server = server;
        _options = server.Options;
        Id = id;
        _transport = transport;
        _heartbeat = new TimerEntry(server.Timers, this, HeartbeatTimer);
    }

    /// <summary>What the heartbeat node does when it fires.</summary>
    private enum HeartbeatPhase
    {
        /// <summary>Send a ping (then wait for the pong).</summary>
        Ping,

        /// <summary>Open: the pong is late. Closing: the close packet's poll never came.</summary>
        Timeout,
    }

    private enum SessionState
    {
        Open,
        Closing,
        Closed,
    }

    private enum UpgradeState
    {
        None,
        Upgrading,
        Probed,
    }

    /// <summary>The session id (20 characters of base64url).</summary>
    public string Id { get; }

    /// <summary>The current transport: <see cref="EngineIoTransports.Polling"/> or <see cref="EngineIoTransports.WebSocket"/>.</summary>
    public EngineIoTransports Transport
    {
        get
        {
            lock (Gate)
            {
                return _transport;
            }
        }
    }

    /// <summary>True until the session starts closing.</summary>
    public bool IsOpen
    {
        get
        {
            lock (Gate)
            {
                return _state == SessionState.Open;
            }
        }
    }

    /// <summary>
    /// The session's lock: the monitor of the session itself (an internal type nobody else locks). A broadcast locks
    /// every recipient's session, and a separate lock object would be one more cache miss (and 40 B) per connection.
    /// </summary>
    private object Gate => this;

    /// <summary>An opaque slot for the layer above (for example its socket), so it needs no lookup table.</summary>
    public object? State { get; set; }

    /// <summary>
    /// The request that opened the session (headers, query, address), set only while
    /// <see cref="IEngineIoHandler.OnOpen"/> runs: the context is reused for later requests on its connection.
    /// </summary>
    public HttpContext? OpeningRequest { get; internal set; }

    /// <summary>
    /// True when a packet sent now goes out without waiting behind others: a poll is waiting (and no upgrade is in
    /// progress, and the buffer is below its high-water mark), or the WebSocket's output is not congested. A
    /// volatile <see cref="Send(in EngineIoPacketFrame, bool)"/> is dropped exactly when this is false.
    /// </summary>
    public bool IsWritable
    {
        get
        {
            lock (Gate)
            {
                return IsWritableLocked();
            }
        }
    }

    /// <summary>Bytes of packets waiting for a poll (diagnostics and tests).</summary>
    internal long BufferedBytes
    {
        get
        {
            lock (Gate)
            {
                return _bufferedBytes;
            }
        }
    }

    /// <summary>True while a long-polling GET is held (diagnostics and tests).</summary>
    internal bool HasPendingPoll
    {
        get
        {
            lock (Gate)
            {
                return _pendingPoll is not null;
            }
        }
    }

    /// <summary>Sends a text message (<c>4</c> + <paramref name="utf8Text"/>).</summary>
    public EngineIoSendResult Send(ReadOnlySpan<byte> utf8Text, bool isVolatile = false)
    {
        var packet = EngineIoPacketFrame.CreateText(EngineIOPacketType.Message, utf8Text);
        try
        {
            return Send(packet, isVolatile);
        }
        finally
        {
            packet.Release();
        }
    }

    /// <summary>Sends a binary message.</summary>
    public EngineIoSendResult SendBinary(ReadOnlySpan<byte> bytes, bool isVolatile = false)
    {
        var packet = EngineIoPacketFrame.CreateBinary(bytes);
        try
        {
            return Send(packet, isVolatile);
        }
        finally
        {
            packet.Release();
        }
    }

    /// <summary>
    /// Sends an encoded packet (for example one broadcast to many sessions). The session takes its own reference;
    /// the caller keeps and releases its own. A volatile packet is dropped when the transport cannot take it now
    /// (polling: no poll is waiting or the buffer is past its high-water mark; WebSocket: output congested).
    /// </summary>
    public EngineIoSendResult Send(in EngineIoPacketFrame packet, bool isVolatile = false)
    {
        ArgumentNullException.ThrowIfNull(packet.Frame, nameof(packet));
        EngineIoSendResult result;
        bool closed;
        lock (Gate)
        {
            result = SendLocked(packet, isVolatile, out closed);
        }

        if (closed)
        {
            NotifyClosed();
        }

        return result;
    }

    /// <summary>
    /// Sends <paramref name="first"/> and then each of <paramref name="following"/> (a Socket.IO packet's text and its
    /// binary attachments) under one acquisition of the session lock, so no other send of this session lands between
    /// them. Stops at the first frame that is not sent and returns its result. The session takes its own references.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public EngineIoSendResult Send(in EngineIoPacketFrame first, ReadOnlySpan<EngineIoPacketFrame> following)
    {
        ArgumentNullException.ThrowIfNull(first.Frame, nameof(first));
        EngineIoSendResult result;
        bool closed;
        lock (Gate)
        {
            result = SendLocked(first, isVolatile: false, out closed);
            for (var i = 0; i < following.Length && result == EngineIoSendResult.Sent; i++)
            {
                result = SendLocked(following[i], isVolatile: false, out closed);
            }
        }

        if (closed)
        {
            NotifyClosed();
        }

        return result;
    }

    /// <summary>
    /// Reads, without the lock, what a send reads first and returns the WebSocket a send would go to (null on polling
    /// or once closing): a hint that lets a broadcast load many sessions' send paths at once, never a decision.
    /// </summary>
    internal WebSocketConnection? WarmSendPath() => _state == SessionState.Open && _transport == EngineIoTransports.WebSocket ? _webSocket : null;

    /// <summary>
    /// Closes the session from the server side (<c>forced close</c>): packets already buffered are delivered first
    /// (with the close packet on polling), then the transport closes.
    /// </summary>
    public void Close() => Close(EngineIoCloseReason.ForcedClose);

    internal void Close(EngineIoCloseReason reason)
    {
        bool closed;
        lock (Gate)
        {
            closed = BeginCloseLocked(reason);
        }

        if (closed)
        {
            NotifyClosed();
        }
    }

    /// <summary>Starts the heartbeat: the first ping goes out pingInterval from now.</summary>
    internal void StartHeartbeat()
    {
        lock (Gate)
        {
            if (_state == SessionState.Open)
            {
                ScheduleHeartbeatLocked(HeartbeatPhase.Ping, _options.PingInterval);
            }
        }
    }

    /// <inheritdoc />
    void ITimerTarget.OnTimer(TimerEntry entry, int generation)
    {
        var closed = false;
        lock (Gate)
        {
            if (!entry.IsCurrent(generation) || _state == SessionState.Closed)
            {
                return;
            }

            switch (entry.Kind)
            {
                case HeartbeatTimer when _heartbeatPhase == HeartbeatPhase.Ping:
                    if (_state != SessionState.Open)
                    {
                        break;
                    }

                    var ping = EngineIoPacketFrame.CreateText(EngineIOPacketType.Ping, default);
                    SendLocked(ping, isVolatile: false, out closed);
                    ping.Release();
                    if (!closed)
                    {
                        ScheduleHeartbeatLocked(HeartbeatPhase.Timeout, _options.PingTimeout);
                    }

                    break;
                case HeartbeatTimer:
                    // Open: the client missed its pong. Closing: the close packet's poll never came.
                    closed = CloseLocked(_state == SessionState.Open ? EngineIoCloseReason.PingTimeout : _closeReason);
                    break;
                case UpgradeTimer:
                    AbortUpgradeLocked();
                    break;
            }
        }

        if (closed)
        {
            NotifyClosed();
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private EngineIoSendResult SendLocked(in EngineIoPacketFrame packet, bool isVolatile, out bool closed)
    {
        closed = false;
        if (_state != SessionState.Open)
        {
            return EngineIoSendResult.Closed;
        }

        if (isVolatile && !IsWritableLocked())
        {
            return EngineIoSendResult.Dropped;
        }

        if (_transport == EngineIoTransports.WebSocket)
        {
            var sent = _webSocket!.SendFramed(packet.Frame!);
            if (sent == EnqueueResult.RejectedOverLimit)
            {
                closed = CloseLocked(EngineIoCloseReason.TransportError);
                return EngineIoSendResult.Closed;
            }

            return sent == EnqueueResult.RejectedClosed ? EngineIoSendResult.Closed : EngineIoSendResult.Sent;
        }

        var length = packet.PollingLength;
        if (_bufferedBytes + length > _options.BufferHardLimit)
        {
            closed = CloseLocked(EngineIoCloseReason.TransportError);
            return EngineIoSendResult.Closed;
        }

        packet.AddRef();
        (_buffer ??= new Queue<EngineIoPacketFrame>()).Enqueue(packet);
        _bufferedBytes += length;
        if (_pendingPoll is { } poll && _upgrade != UpgradeState.Probed)
        {
            _pendingPoll = null;
            RespondPollLocked(poll, default, includeBuffered: true);
        }

        return EngineIoSendResult.Sent;
    }

    private bool IsWritableLocked() => _state == SessionState.Open && (_transport == EngineIoTransports.WebSocket
        ? !_webSocket!.Transport.IsOutputCongested
        : _pendingPoll is not null && _upgrade == UpgradeState.None && _bufferedBytes <= _options.BufferHighWaterMark);

    /// <summary>
    /// Server-side close: with a poll waiting (or on WebSocket) the buffered packets go out and the session closes now;
    /// a polling session with no poll waiting first lets polls drain its buffer, then closes once a poll carried
    /// <c>6</c> + <c>1</c> (or after the drain timeout). Returns true when the session closed (the caller then notifies the handler).
    /// </summary>
    private bool BeginCloseLocked(EngineIoCloseReason reason)
    {
        if (_state != SessionState.Open)
        {
            return false;
        }

        if (_transport == EngineIoTransports.Polling && _pendingPoll is null && reason == EngineIoCloseReason.ForcedClose)
        {
            _state = SessionState.Closing;
            _closeReason = reason;
            ScheduleHeartbeatLocked(HeartbeatPhase.Timeout, _options.CloseDrainTimeout);
            AbortUpgradeLocked();
            return false;
        }

        return CloseLocked(reason);
    }

    /// <summary>Ends the session now: answers a waiting poll, closes WebSockets, frees buffers and timers, forgets the sid.</summary>
    private bool CloseLocked(EngineIoCloseReason reason)
    {
        if (_state == SessionState.Closed)
        {
            return false;
        }

        var wasClosing = _state == SessionState.Closing;
        _state = SessionState.Closed;
        _closeReason = wasClosing ? _closeReason : reason;
        _heartbeat.Cancel();
        _upgradeTimeout?.Cancel();
        _server.Remove(this);
        if (_pendingPoll is { } poll)
        {
            _pendingPoll = null;
            if (reason == EngineIoCloseReason.TransportClose)
            {
                RespondPollLocked(poll, "6"u8, includeBuffered: false);
            }
            else
            {
                RespondPollLocked(poll, "1"u8, includeBuffered: true);
            }
        }

        _webSocket?.CloseWithoutCode();
        _upgradeWebSocket?.CloseWithoutCode();
        _upgradeWebSocket = null;
        while (_buffer is not null && _buffer.TryDequeue(out var packet))
        {
            packet.Release();
        }

        _bufferedBytes = 0;
        return true;
    }

    /// <summary>(Re)schedules the heartbeat node for <paramref name="phase"/>, replacing whatever it was waiting for.</summary>
    private void ScheduleHeartbeatLocked(HeartbeatPhase phase, TimeSpan delay)
    {
        _heartbeatPhase = phase;
        _heartbeat.Schedule(delay);
    }

    private void NotifyClosed() => _server.Handler.OnClose(this, _closeReason);

    /// <summary>A held long-polling GET: the task its request handler awaits, completed once the poll is answered.</summary>
    private sealed class PendingPoll(EngineIoSession session, HttpContext context) : TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)
    {
        public EngineIoSession Session { get; } = session;

        public HttpContext Context { get; } = context;

        public CancellationTokenRegistration AbortRegistration { get; set; }
    }
}
