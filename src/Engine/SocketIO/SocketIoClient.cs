using System.Text;
using System.Text.Unicode;
using System.Text.Json;
using SocketIo.Engine.SocketIO.Connections;
using SocketIo.Engine.Timing;
using SocketIo.Protocol.SocketIO;

namespace SocketIo.Engine.SocketIO;

/// <summary>
/// The Socket.IO state of one Engine.IO connection (PROTOCOL.md 2.8): its namespace sockets, its decoder (binary
/// reassembly) and its connect timeout. The Engine.IO adapter feeds it with <see cref="OnMessage"/> and
/// <see cref="OnClose"/>.
/// </summary>
/// <remarks>
/// Thread safety: <see cref="OnMessage"/> calls must not overlap one another (they come in the connection's order);
/// <see cref="OnClose"/> may come from any thread, even while a message is being delivered. Sends may come from any
/// thread; they are serialized here so that a packet and its attachments are never interleaved with another packet
/// (trap 11).
/// </remarks>
internal sealed class SocketIoClient : ITimerTarget
{
    private const int StackNamespaceLength = 128;
    private static readonly JsonElement EmptyAuth = JsonDocument.Parse("{}").RootElement;

    private readonly SocketIoServer _server;
    private readonly SocketIoBinaryAssembler _decoder;
    private readonly TimerEntry _connectTimer;
    private readonly Lock _gate = new();
    private readonly Lock _sendGate = new();
    private readonly Lock _receiveGate = new();
    private readonly Dictionary<string, SocketIoSocket> _sockets = new(StringComparer.Ordinal);
    private readonly HashSet<string> _connecting = new(StringComparer.Ordinal);
    private bool _joined;
    private bool _closed;
    private bool _decoderDisposed;

    internal SocketIoClient(SocketIoServer server, IEngineConnection connection)
    {
        _server = server;
        Connection = connection;
        _decoder = new SocketIoBinaryAssembler(server.Options.MaxAttachments);
        _connectTimer = new TimerEntry(server.Wheel, this, 0);
        _connectTimer.Schedule(server.Options.ConnectTimeout);
    }

    /// <summary>The Engine.IO connection.</summary>
    public IEngineConnection Connection { get; }

    /// <summary>True once the Socket.IO layer or the transport ended the connection.</summary>
    public bool IsClosed
    {
        get
        {
            lock (_gate)
                return _closed;
        }
    }

    /// <summary>
    /// One Engine.IO message (type 4) from the client: <paramref name="data"/> is the text after the <c>4</c>, or the
    /// raw bytes of a binary message. Valid only during the call (attachments are copied).
    /// </summary>
    public void OnMessage(ReadOnlySpan<byte> data, bool isBinary)
    {
        // The Engine.IO layer may report the close while a message is being delivered: the decoder is only
        // touched (and disposed) under this lock.
        lock (_receiveGate)
        {
            if (_decoderDisposed || IsClosed)
                return;
            SocketIoAssemblyStatus status;
            SocketIoPacket packet;
            SocketIoPacketError error;
            if (isBinary)
                status = _decoder.AcceptBinary(data.ToArray(), out packet, out error);
            else
                status = _decoder.AcceptText(data, out packet, out error);
            switch (status)
            {
                case SocketIoAssemblyStatus.Complete:
                    Dispatch(in packet, packet.IsBinary ? _decoder.Attachments : null);
                    break;
                case SocketIoAssemblyStatus.Invalid:
                    OnInvalidPacket(error);
                    break;
            }
        }
    }

    /// <summary>The Engine.IO connection ended with <paramref name="reason"/> (PROTOCOL.md section 3): every socket disconnects with it.</summary>
    public void OnClose(string reason)
    {
        CloseSockets(reason, error: null);
        lock (_receiveGate)
        {
            if (!_decoderDisposed)
            {
                _decoderDisposed = true;
                _decoder.Dispose();
            }
        }
    }

    /// <summary>Sends a packet to the connection, never interleaved with another send of this connection.</summary>
    internal bool Send(EncodedPacket packet)
    {
        lock (_sendGate)
            return Connection.Send(packet);
    }

    /// <summary>Attaches an admitted socket; false when the connection closed meanwhile.</summary>
    internal bool TryAttach(SocketIoSocket socket)
    {
        lock (_gate)
        {
            _connecting.Remove(socket.Namespace.Name);
            if (_closed)
                return false;
            _sockets[socket.Namespace.Name] = socket;
            _joined = true;
        }

        _connectTimer.Cancel();
        return true;
    }

    /// <summary>A middleware refused a socket: CONNECT_ERROR with the message and data; the connection stays.</summary>
    internal void Refuse(SocketIoNamespace ns, Exception error)
    {
        lock (_gate)
        {
            _connecting.Remove(ns.Name);
            if (_closed)
                return;
        }

        SocketIoLog.Refused(_server.Logger, ns.Name, Connection.Id, error.Message);
        var data = error is SocketIoConnectException { ErrorData: { } json } ? Encoding.UTF8.GetBytes(json.GetRawText()) : [];
        SendConnectError(ns.Name, error.Message, data);
    }

    internal void Remove(SocketIoSocket socket)
    {
        lock (_gate)
        {
            if (_sockets.TryGetValue(socket.Namespace.Name, out var current) && ReferenceEquals(current, socket))
                _sockets.Remove(socket.Namespace.Name);
        }
    }

    /// <summary><c>socket.disconnect(true)</c>: DISCONNECT for every namespace socket, then close the connection.</summary>
    internal void DisconnectAllAndClose()
    {
        foreach (var socket in Snapshot())
        {
            if (!socket.Connected)
                continue;
            socket.SendDisconnectPacket();
            socket.OnClose(SocketIoDisconnectReason.ServerNamespaceDisconnect);
        }

        Close(SocketIoDisconnectReason.ForcedServerClose);
    }

    /// <summary>Server-side close: every socket disconnects with <paramref name="reason"/>, then the connection closes.</summary>
    internal void Close(string reason, Exception? error = null)
    {
        if (CloseSockets(reason, error))
            Connection.Close();
    }

    void ITimerTarget.OnTimer(TimerEntry entry, int generation)
    {
        if (!entry.IsCurrent(generation))
            return;
        lock (_gate)
        {
            if (_joined || _closed)
                return;
        }

        SocketIoLog.ConnectTimeout(_server.Logger, Connection.Id);
        Close(SocketIoDisconnectReason.ForcedServerClose);
    }

    private bool CloseSockets(string reason, Exception? error)
    {
        lock (_gate)
        {
            if (_closed)
                return false;
            _closed = true;
        }

        _connectTimer.Cancel();
        _server.Forget(this);
        var sockets = Snapshot();
        if (error is not null)
        {
            foreach (var socket in sockets)
                socket.RaiseError(error);
        }

        foreach (var socket in sockets)
            socket.OnClose(reason);
        return true;
    }

    private SocketIoSocket[] Snapshot()
    {
        lock (_gate)
            return [.. _sockets.Values];
    }

    private void Dispatch(in SocketIoPacket packet, IReadOnlyList<ReadOnlyMemory<byte>>? attachments)
    {
        if (packet.Type == SocketIoPacketType.Connect)
        {
            OnConnect(in packet);
            return;
        }

        var socket = FindSocket(packet.Namespace);
        if (socket is null || !socket.Connected)
        {
            // A packet for a namespace not joined (or whose middlewares still run): invalid state.
            SocketIoLog.InvalidState(_server.Logger, "packet for an unjoined namespace", Connection.Id);
            Close(SocketIoDisconnectReason.ForcedServerClose);
            return;
        }

        socket.OnPacket(in packet, attachments);
    }

    private void OnConnect(in SocketIoPacket packet)
    {
        var name = Encoding.UTF8.GetString(packet.Namespace);
        lock (_gate)
        {
            if (_sockets.ContainsKey(name) || !_connecting.Add(name))
            {
                SocketIoLog.InvalidState(_server.Logger, "duplicate CONNECT", Connection.Id);
                name = null;
            }
        }

        if (name is null)
        {
            Close(SocketIoDisconnectReason.ForcedServerClose);
            return;
        }

        var auth = EmptyAuth;
        if (!packet.Payload.IsEmpty)
        {
            var reader = new Utf8JsonReader(packet.Payload);
            auth = JsonElement.ParseValue(ref reader);
        }

        var ns = _server.Resolve(name, auth);
        if (ns is null)
        {
            lock (_gate)
                _connecting.Remove(name);
            SocketIoLog.InvalidNamespace(_server.Logger, Connection.Id, name);
            SendConnectError(name, "Invalid namespace", default);
            return;
        }

        ns.Connect(this, auth);
    }

    private void SendConnectError(string nsp, string message, ReadOnlySpan<byte> data)
    {
        var packet = PacketEncoder.ConnectError(nsp, Encoding.UTF8.GetBytes(nsp), message, data);
        try
        {
            Send(packet);
        }
        finally
        {
            packet.Release();
        }
    }

    private void OnInvalidPacket(SocketIoPacketError error)
    {
        SocketIoLog.InvalidPacket(_server.Logger, error, Connection.Id);
        // A client CONNECT_ERROR is a state violation; everything else is a decode error (reason "forced close").
        if (error == SocketIoPacketError.ConnectErrorFromClient)
            Close(SocketIoDisconnectReason.ForcedServerClose);
        else
            Close(SocketIoDisconnectReason.ForcedClose, new InvalidDataException($"Invalid Socket.IO packet: {error}."));
    }

    private SocketIoSocket? FindSocket(ReadOnlySpan<byte> nsp)
    {
        lock (_gate)
        {
            if (nsp.Length == 1 && nsp[0] == '/')
                return _sockets.GetValueOrDefault("/");
            Span<char> chars = stackalloc char[StackNamespaceLength];
            if (nsp.Length <= StackNamespaceLength && Utf8.ToUtf16(nsp, chars, out _, out var written) == System.Buffers.OperationStatus.Done)
                return _sockets.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(chars[..written], out var found) ? found : null;
            return _sockets.GetValueOrDefault(Encoding.UTF8.GetString(nsp));
        }
    }
}
