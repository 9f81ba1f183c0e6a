using System.Text;
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
/// <para>Thread safety: <see cref="OnMessage"/> calls must not overlap one another (they come in the connection's
/// order); <see cref="OnClose"/> may come from any thread, even while a message is being delivered. Sends may come
/// from any thread; the connection queues each packet with its attachments atomically, so they are never
/// interleaved with another packet (trap 11).</para>
/// <para>Memory: an idle connection is most of what a server holds, so this keeps little per connection (issue 7):
/// one <see cref="Gate"/> shared by the connection's state and its sockets (acks, handlers, room membership); its
/// sockets in a small copy-on-write array (a client rarely joins more than one or two namespaces);
/// the binary decoder only while a binary packet is being assembled; the connect timer only until the first join.
/// </para>
/// </remarks>
internal sealed class SocketIoClient : ITimerTarget
{
    private const int ReceiveIdle = 0;
    private const int ReceiveBusy = 1;
    private const int ReceiveEndRequested = 2;
    private const int ReceiveEnded = 3;

    private static readonly JsonElement EmptyAuth = JsonDocument.Parse("{}").RootElement;

    private readonly SocketIoServer _server;
    private SocketIoBinaryAssembler? _decoder;
    private TimerEntry? _connectTimer;
    private SocketIoSocket[] _sockets = [];
    private string[] _connecting = [];
    private int _receive;
    private bool _joined;
    private bool _closed;

    internal SocketIoClient(SocketIoServer server, IEngineConnection connection)
    {
        _server = server;
        Connection = connection;
        _connectTimer = new TimerEntry(server.Wheel, this, 0);
        _connectTimer.Schedule(server.Options.ConnectTimeout);
    }

    /// <summary>The Engine.IO connection.</summary>
    public IEngineConnection Connection { get; }

    /// <summary>True once the Socket.IO layer or the transport ended the connection.</summary>
    public bool IsClosed => Volatile.Read(ref _closed);

    /// <summary>
    /// The connection's one lock: its state and its sockets' acks, handlers and room membership (not its sends). Held
    /// only for short, non-blocking work; the Engine.IO session never calls up while holding its own lock, so sending
    /// under it cannot deadlock. It is this object's monitor: a separate lock object would cost every idle
    /// connection 40 bytes, and the monitor allocates only if the lock is ever contended.
    /// </summary>
    internal object Gate => this;

    /// <summary>
    /// One Engine.IO message (type 4) from the client: <paramref name="data"/> is the text after the <c>4</c>, or the
    /// raw bytes of a binary message. Valid only during the call (attachments are copied).
    /// </summary>
    public void OnMessage(ReadOnlySpan<byte> data, bool isBinary)
    {
        // The Engine.IO layer may report the close while a message is being delivered: the decoder is released by
        // whoever finishes last (see EndReceive), never while a packet it holds is being dispatched.
        if (Interlocked.CompareExchange(ref _receive, ReceiveBusy, ReceiveIdle) != ReceiveIdle)
            return;
        try
        {
            if (!IsClosed)
                Receive(data, isBinary);
        }
        finally
        {
            if (Interlocked.CompareExchange(ref _receive, ReceiveIdle, ReceiveBusy) != ReceiveBusy)
                ReleaseDecoder();
        }
    }

    /// <summary>The Engine.IO connection ended with <paramref name="reason"/> (PROTOCOL.md section 3): every socket disconnects with it.</summary>
    public void OnClose(string reason)
    {
        CloseSockets(reason, error: null);
        EndReceive();
    }

    /// <summary>Sends a packet to the connection, never interleaved with another send of this connection.</summary>
    /// <remarks>
    /// Takes no lock here: the connection queues a packet and its attachments atomically (see
    /// <see cref="IEngineConnection.Send"/>), and a broadcast calls this once per recipient.
    /// </remarks>
    internal bool Send(EncodedPacket packet) => Connection.Send(packet);

    /// <summary>Attaches an admitted socket; false when the connection closed meanwhile.</summary>
    internal bool TryAttach(SocketIoSocket socket)
    {
        TimerEntry? timer;
        lock (Gate)
        {
            RemoveConnecting(socket.Namespace.Name);
            if (_closed)
                return false;
            var sockets = _sockets;
            var index = IndexOf(sockets, socket.Namespace.NameUtf8);
            Volatile.Write(ref _sockets, index < 0 ? [.. sockets, socket] : Replace(sockets, index, socket));
            _joined = true;
            timer = _connectTimer;
            _connectTimer = null;
        }

        timer?.Cancel();
        return true;
    }

    /// <summary>A middleware refused a socket: CONNECT_ERROR with the message and data; the connection stays.</summary>
    internal void Refuse(SocketIoNamespace ns, Exception error)
    {
        lock (Gate)
        {
            RemoveConnecting(ns.Name);
            if (_closed)
                return;
        }

        SocketIoLog.Refused(_server.Logger, ns.Name, Connection.Id, error.Message);
        var data = error is SocketIoConnectException { ErrorData: { } json } ? Encoding.UTF8.GetBytes(json.GetRawText()) : [];
        SendConnectError(ns.Name, error.Message, data);
    }

    internal void Remove(SocketIoSocket socket)
    {
        lock (Gate)
        {
            var sockets = _sockets;
            var index = Array.IndexOf(sockets, socket);
            if (index >= 0)
                Volatile.Write(ref _sockets, RemoveAt(sockets, index));
        }
    }

    /// <summary><c>socket.disconnect(true)</c>: DISCONNECT for every namespace socket, then close the connection.</summary>
    internal void DisconnectAllAndClose()
    {
        foreach (var socket in Volatile.Read(ref _sockets))
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
        lock (Gate)
        {
            if (_joined || _closed)
                return;
        }

        SocketIoLog.ConnectTimeout(_server.Logger, Connection.Id);
        Close(SocketIoDisconnectReason.ForcedServerClose);
    }

    private bool CloseSockets(string reason, Exception? error)
    {
        TimerEntry? timer;
        lock (Gate)
        {
            if (_closed)
                return false;
            Volatile.Write(ref _closed, true);
            timer = _connectTimer;
            _connectTimer = null;
        }

        timer?.Cancel();
        _server.Forget(this);
        // The array is never changed in place, so it is a snapshot.
        var sockets = Volatile.Read(ref _sockets);
        if (error is not null)
        {
            foreach (var socket in sockets)
                socket.RaiseError(error);
        }

        foreach (var socket in sockets)
            socket.OnClose(reason);
        return true;
    }

    private void Receive(ReadOnlySpan<byte> data, bool isBinary)
    {
        SocketIoAssemblyStatus status;
        SocketIoPacket packet;
        SocketIoPacketError error;
        var decoder = _decoder;
        if (decoder is not null)
        {
            status = isBinary ? decoder.AcceptBinary(data.ToArray(), out packet, out error) : decoder.AcceptText(data, out packet, out error);
        }
        else if (isBinary)
        {
            status = SocketIoAssemblyStatus.Invalid;
            packet = default;
            error = SocketIoPacketError.UnexpectedAttachment;
        }
        else
        {
            // Most packets have no attachments: only a binary header needs the (stateful) assembler.
            error = SocketIoPacketReader.TryRead(data, out packet, _server.Options.MaxAttachments);
            status = error != SocketIoPacketError.None ? SocketIoAssemblyStatus.Invalid : SocketIoAssemblyStatus.Complete;
            if (status == SocketIoAssemblyStatus.Complete && packet.AttachmentCount > 0)
            {
                decoder = _decoder = new SocketIoBinaryAssembler(_server.Options.MaxAttachments);
                status = decoder.AcceptText(data, out packet, out error);
            }
        }

        switch (status)
        {
            case SocketIoAssemblyStatus.Complete:
                Dispatch(in packet, packet.IsBinary ? decoder?.Attachments ?? [] : null);
                break;
            case SocketIoAssemblyStatus.Invalid:
                OnInvalidPacket(error);
                break;
        }
    }

    /// <summary>No message will be received any more: release the decoder now, or let the running receive do it.</summary>
    private void EndReceive()
    {
        while (true)
        {
            var state = Volatile.Read(ref _receive);
            if (state == ReceiveIdle && Interlocked.CompareExchange(ref _receive, ReceiveEnded, ReceiveIdle) == ReceiveIdle)
            {
                ReleaseDecoder();
                return;
            }

            if (state == ReceiveBusy && Interlocked.CompareExchange(ref _receive, ReceiveEndRequested, ReceiveBusy) == ReceiveBusy)
                return;
            if (state is ReceiveEndRequested or ReceiveEnded)
                return;
        }
    }

    private void ReleaseDecoder()
    {
        Volatile.Write(ref _receive, ReceiveEnded);
        _decoder?.Dispose();
        _decoder = null;
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
        lock (Gate)
        {
            if (IndexOf(_sockets, packet.Namespace) >= 0 || Array.IndexOf(_connecting, name) >= 0)
            {
                SocketIoLog.InvalidState(_server.Logger, "duplicate CONNECT", Connection.Id);
                name = null;
            }
            else
            {
                _connecting = [.. _connecting, name];
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
            lock (Gate)
                RemoveConnecting(name);
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
        var sockets = Volatile.Read(ref _sockets);
        var index = IndexOf(sockets, nsp);
        return index < 0 ? null : sockets[index];
    }

    /// <summary>Call with <see cref="Gate"/> held.</summary>
    private void RemoveConnecting(string name)
    {
        var index = Array.IndexOf(_connecting, name);
        if (index >= 0)
            _connecting = RemoveAt(_connecting, index);
    }

    private static int IndexOf(SocketIoSocket[] sockets, ReadOnlySpan<byte> nsp)
    {
        for (var i = 0; i < sockets.Length; i++)
        {
            if (nsp.SequenceEqual(sockets[i].Namespace.NameUtf8))
                return i;
        }

        return -1;
    }

    /// <summary>A copy without the item at <paramref name="index"/>; the shared empty array when none is left.</summary>
    private static T[] RemoveAt<T>(T[] items, int index) => items.Length == 1 ? [] : [.. items.AsSpan(0, index), .. items.AsSpan(index + 1)];

    private static SocketIoSocket[] Replace(SocketIoSocket[] sockets, int index, SocketIoSocket socket)
    {
        var copy = (SocketIoSocket[])sockets.Clone();
        copy[index] = socket;
        return copy;
    }
}
