using SocketIo.Engine.Transport;
using SocketIo.Engine.Timing;
using SocketIo.Engine.WebSockets;
using SocketIo.Protocol.EngineIO;
using SocketIo.Protocol.WebSockets;

namespace SocketIo.Engine.EngineIO;

internal sealed partial class EngineIoSession
{
    /// <summary>Makes <paramref name="webSocket"/> the transport of a session created by a WebSocket handshake.</summary>
    internal void AttachWebSocket(WebSocketConnection webSocket)
    {
        lock (Gate)
        {
            _webSocket = webSocket;
        }
    }

    /// <summary>
    /// Starts an upgrade over <paramref name="webSocket"/> (PROTOCOL.md 1.7). False when the session cannot
    /// upgrade (already upgrading or upgraded, closing, upgrades off); the caller then closes the WebSocket.
    /// </summary>
    internal bool TryBeginUpgrade(WebSocketConnection webSocket)
    {
        lock (Gate)
        {
            if (_state != SessionState.Open || _transport != EngineIoTransports.Polling || _upgrade != UpgradeState.None || !_options.AllowUpgrades)
            {
                return false;
            }

            _upgradeWebSocket = webSocket;
            _upgrade = UpgradeState.Upgrading;
            (_upgradeTimeout ??= new TimerEntry(_server.Timers, this, UpgradeTimer)).Schedule(_options.UpgradeTimeout);
            return true;
        }
    }

    /// <summary>One WebSocket message, on the session's WebSocket or on the one it is upgrading to.</summary>
    internal void OnWebSocketMessage(WebSocketConnection webSocket, bool isText, ReadOnlySpan<byte> message)
    {
        bool isUpgradeSocket;
        lock (Gate)
        {
            isUpgradeSocket = webSocket == _upgradeWebSocket;
            if (!isUpgradeSocket && webSocket != _webSocket)
            {
                return;
            }
        }

        EngineIOPacket packet;
        if (isText)
        {
            if (!EngineIOPacketReader.TryReadText(message, out packet, out _))
            {
                if (isUpgradeSocket)
                {
                    AbortUpgrade(webSocket);
                }
                else
                {
                    Close(EngineIoCloseReason.ParseError);
                }

                return;
            }
        }
        else
        {
            packet = EngineIOPacketReader.ReadBinary(message);
        }

        if (isUpgradeSocket)
        {
            OnUpgradePacket(webSocket, packet);
        }
        else
        {
            OnPacket(packet);
        }
    }

    /// <summary>A WebSocket of this session ended (<paramref name="closeCode"/> as the WebSocket layer reports it).</summary>
    internal void OnWebSocketClosed(WebSocketConnection webSocket, ushort closeCode)
    {
        var closed = false;
        lock (Gate)
        {
            if (webSocket == _upgradeWebSocket)
            {
                // The session carries on over polling.
                _upgradeWebSocket = null;
                _upgrade = UpgradeState.None;
                _upgradeTimeout?.Cancel();
            }
            else if (webSocket == _webSocket)
            {
                closed = CloseLocked(IsTransportError(closeCode) ? EngineIoCloseReason.TransportError : EngineIoCloseReason.TransportClose);
            }
        }

        if (closed)
        {
            NotifyClosed();
        }
    }

    private static bool IsTransportError(ushort closeCode) => closeCode is WebSocketCloseCode.ProtocolError
        or WebSocketCloseCode.UnsupportedData or WebSocketCloseCode.InvalidFramePayloadData or WebSocketCloseCode.PolicyViolation
        or WebSocketCloseCode.MessageTooBig or WebSocketCloseCode.MandatoryExtension or WebSocketCloseCode.InternalError;

    private void OnUpgradePacket(WebSocketConnection webSocket, in EngineIOPacket packet)
    {
        var closed = false;
        lock (Gate)
        {
            if (webSocket != _upgradeWebSocket)
            {
                return;
            }

            if (packet.Type == EngineIOPacketType.Ping && packet.IsProbe)
            {
                webSocket.SendText("3probe"u8);
                _upgrade = UpgradeState.Probed;
                if (_pendingPoll is { } poll)
                {
                    _pendingPoll = null;
                    RespondPollLocked(poll, "6"u8, includeBuffered: false);
                }
            }
            else if (packet.Type == EngineIOPacketType.Upgrade)
            {
                closed = CompleteUpgradeLocked(webSocket);
            }
            else
            {
                AbortUpgradeLocked();
            }
        }

        if (closed)
        {
            NotifyClosed();
        }
    }

    /// <summary>The client sent <c>5</c>: the WebSocket becomes the transport and the buffered packets follow on it, in order.</summary>
    private bool CompleteUpgradeLocked(WebSocketConnection webSocket)
    {
        _upgradeTimeout?.Cancel();
        _upgradeWebSocket = null;
        _upgrade = UpgradeState.None;
        _transport = EngineIoTransports.WebSocket;
        _webSocket = webSocket;
        if (_pendingPoll is { } poll)
        {
            _pendingPoll = null;
            RespondPollLocked(poll, "6"u8, includeBuffered: false);
        }

        var overLimit = false;
        while (_buffer is not null && _buffer.TryDequeue(out var packet))
        {
            overLimit |= webSocket.SendFramed(packet.Frame!) == EnqueueResult.RejectedOverLimit;
            packet.Release();
        }

        _bufferedBytes = 0;
        if (overLimit)
        {
            return CloseLocked(EngineIoCloseReason.TransportError);
        }

        // A server close that began during the upgrade completes on the new transport.
        return _state == SessionState.Closing && CloseLocked(_closeReason);
    }

    private void AbortUpgrade(WebSocketConnection webSocket)
    {
        lock (Gate)
        {
            if (webSocket == _upgradeWebSocket)
            {
                AbortUpgradeLocked();
            }
        }
    }

    private void AbortUpgradeLocked()
    {
        _upgradeTimeout?.Cancel();
        _upgrade = UpgradeState.None;
        if (_upgradeWebSocket is { } webSocket)
        {
            _upgradeWebSocket = null;
            webSocket.CloseWithoutCode();
        }
    }
}
