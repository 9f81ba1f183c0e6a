using System.Text;
using System.Text.Unicode;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Logging;
using SocketIo.Protocol.SocketIO;

namespace SocketIo.Engine.SocketIO;

public sealed partial class SocketIoSocket
{
    private const int StackNameLength = 128;

    // Event handlers by name, copy-on-write (read without a lock, replaced under Client.Gate). A linear list, not a
    // dictionary: a socket has a few event names, and an app registers its handlers on every socket, so their storage
    // is paid per connection (issue 7). Each entry holds the application's delegate itself (an Action<SocketIoEvent>
    // or a Func<SocketIoEvent, ValueTask>), or an array of them when a name has several.
    private EventHandlers[] _handlers = [];
    private Action<SocketIoEvent>[]? _anyHandlers;
    private Action<string, SocketIoMessage>[]? _anyOutgoingHandlers;
    private Action<string>[]? _disconnectingHandlers;
    private Action<string>[]? _disconnectHandlers;
    private Action<Exception>[]? _errorHandlers;

    // The event to reuse when SocketIoServerOptions.ReuseEvents is on; null while one is in use.
    private SocketIoEvent? _spareEvent;

    /// <summary>Handles event <paramref name="eventName"/>; the handler gets the arguments and the ack callback.</summary>
    public SocketIoSocket On(string eventName, Action<SocketIoEvent> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return AddDelegate(eventName, handler);
    }

    /// <summary>Handles event <paramref name="eventName"/> asynchronously; exceptions are logged, never fatal.</summary>
    public SocketIoSocket On(string eventName, Func<SocketIoEvent, ValueTask> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return AddHandler(eventName, handler);
    }

    /// <summary>Handles an event whose first argument deserializes with <paramref name="typeInfo"/> (source-generated or not).</summary>
    public SocketIoSocket On<T>(string eventName, JsonTypeInfo<T> typeInfo, Action<T?, SocketIoEvent> handler)
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        ArgumentNullException.ThrowIfNull(handler);
        return AddHandler(eventName, e =>
        {
            handler(e.Count > 0 ? e.GetArgument(0, typeInfo) : default, e);
            return default;
        });
    }

    /// <summary>Asynchronous form of <see cref="On{T}(string, JsonTypeInfo{T}, Action{T, SocketIoEvent})"/>.</summary>
    public SocketIoSocket On<T>(string eventName, JsonTypeInfo<T> typeInfo, Func<T?, SocketIoEvent, ValueTask> handler)
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        ArgumentNullException.ThrowIfNull(handler);
        return AddHandler(eventName, e => handler(e.Count > 0 ? e.GetArgument(0, typeInfo) : default, e));
    }

    /// <summary>Handles an event whose first argument deserializes with the server's serializer options.</summary>
    public SocketIoSocket On<T>(string eventName, Action<T?, SocketIoEvent> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return AddHandler(eventName, e =>
        {
            handler(e.Count > 0 ? e.GetArgument<T>(0) : default, e);
            return default;
        });
    }

    /// <summary>Removes every handler of <paramref name="eventName"/>.</summary>
    public SocketIoSocket Off(string eventName)
    {
        ArgumentNullException.ThrowIfNull(eventName);
        lock (Client.Gate)
        {
            var handlers = _handlers;
            var index = IndexOf(handlers, eventName);
            if (index >= 0)
                System.Threading.Volatile.Write(ref _handlers, handlers.Length == 1 ? [] : [.. handlers.AsSpan(0, index), .. handlers.AsSpan(index + 1)]);
        }

        return this;
    }

    /// <summary>Called for every incoming event, before its own handlers.</summary>
    public SocketIoSocket OnAny(Action<SocketIoEvent> handler) => Append(ref _anyHandlers, handler);

    /// <summary>Called for every outgoing event of this socket (its own emits and broadcasts it receives).</summary>
    public SocketIoSocket OnAnyOutgoing(Action<string, SocketIoMessage> handler) => Append(ref _anyOutgoingHandlers, handler);

    /// <summary>Called with the reason when the socket starts disconnecting; <see cref="Rooms"/> is still complete.</summary>
    public SocketIoSocket OnDisconnecting(Action<string> handler) => Append(ref _disconnectingHandlers, handler);

    /// <summary>Called with the reason once the socket has disconnected and left its rooms.</summary>
    public SocketIoSocket OnDisconnect(Action<string> handler) => Append(ref _disconnectHandlers, handler);

    /// <summary>Called when the connection is closed because of an invalid packet, before the disconnect.</summary>
    public SocketIoSocket OnError(Action<Exception> handler) => Append(ref _errorHandlers, handler);

    internal void OnPacket(in SocketIoPacket packet, IReadOnlyList<ReadOnlyMemory<byte>>? attachments)
    {
        switch (packet.Type)
        {
            case SocketIoPacketType.Event or SocketIoPacketType.BinaryEvent:
                OnEvent(in packet, attachments);
                break;
            case SocketIoPacketType.Ack or SocketIoPacketType.BinaryAck:
                OnAck(in packet, attachments);
                break;
            case SocketIoPacketType.Disconnect:
                OnClose(SocketIoDisconnectReason.ClientNamespaceDisconnect);
                break;
        }
    }

    internal void RaiseError(Exception error)
    {
        foreach (var handler in System.Threading.Volatile.Read(ref _errorHandlers) ?? [])
            Run("error", handler, error);
    }

    internal bool HasOutgoingListeners => System.Threading.Volatile.Read(ref _anyOutgoingHandlers) is not null;

    internal void NotifyOutgoing(Connections.EncodedPacket packet)
    {
        var handlers = System.Threading.Volatile.Read(ref _anyOutgoingHandlers);
        if (handlers is null || packet.Type is not (SocketIoPacketType.Event or SocketIoPacketType.BinaryEvent))
            return;
        if (SocketIoPacketReader.TryRead(packet.Text, out var parsed, int.MaxValue) != SocketIoPacketError.None)
            return;
        var name = parsed.GetEventNameString();
        var message = new SocketIoMessage(parsed.Payload.ToArray(), skipFirst: true, [.. packet.Attachments], Namespace.Server.SerializerOptions);
        foreach (var handler in handlers)
        {
            try
            {
                handler(name, message);
            }
#pragma warning disable CA1031 // Application handlers must not break the sender.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                SocketIoLog.HandlerFailed(Namespace.Server.Logger, "onAnyOutgoing", Id, ex);
            }
        }
    }

    private void OnEvent(in SocketIoPacket packet, IReadOnlyList<ReadOnlyMemory<byte>>? attachments)
    {
        var handlers = FindHandlers(in packet, out var name);
        var any = System.Threading.Volatile.Read(ref _anyHandlers);
        if (handlers is null && any is null)
            return;
        var reuse = Namespace.Server.Options.ReuseEvents;
        var e = reuse ? Interlocked.Exchange(ref _spareEvent, null) : null;
        var attachmentList = attachments is null ? null : (IReadOnlyList<ReadOnlyMemory<byte>>)[.. attachments];
        if (e is null)
            e = new SocketIoEvent(this, name ?? packet.GetEventNameString(), packet.AckId, packet.Payload.ToArray(), attachmentList, Namespace.Server.SerializerOptions);
        else
            e.Reuse(name ?? packet.GetEventNameString(), packet.AckId, packet.Payload, attachmentList);
        foreach (var handler in any ?? [])
            Run("onAny", handler, e);
        var completed = true;
        if (handlers is Delegate[] several)
        {
            foreach (var handler in several)
                completed &= Run(e.EventName, handler, e);
        }
        else if (handlers is Delegate one)
        {
            completed = Run(e.EventName, one, e);
        }

        // An event whose handler still runs stays with it; the next event gets a new one.
        if (reuse && completed)
            System.Threading.Volatile.Write(ref _spareEvent, e);
    }

    private void OnAck(in SocketIoPacket packet, IReadOnlyList<ReadOnlyMemory<byte>>? attachments)
    {
        // An ACK with an unknown (or already timed-out) id is ignored.
        if (!packet.HasAckId || TakeAck(packet.AckId) is not { } handler)
            return;
        var message = new SocketIoMessage(packet.Payload.ToArray(), skipFirst: false,
            attachments is null ? null : [.. attachments], Namespace.Server.SerializerOptions);
        handler.OnAck(this, message);
    }

    /// <summary>The handlers of the packet's event (a delegate or an array of them), and the registered name string.</summary>
    private object? FindHandlers(in SocketIoPacket packet, out string? name)
    {
        name = null;
        var handlers = System.Threading.Volatile.Read(ref _handlers);
        if (handlers.Length == 0)
            return null;
        Span<byte> utf8 = stackalloc byte[StackNameLength];
        Span<char> chars = stackalloc char[StackNameLength];
        int index;
        if (packet.RawEventName.Length <= StackNameLength && packet.TryGetEventName(utf8, out var length)
            && Utf8.ToUtf16(utf8[..length], chars, out _, out var written) == System.Buffers.OperationStatus.Done)
        {
            index = IndexOf(handlers, chars[..written]);
        }
        else
        {
            index = IndexOf(handlers, packet.GetEventNameString());
        }

        if (index < 0)
            return null;
        name = handlers[index].Name;
        return handlers[index].Handlers;
    }

    private SocketIoSocket AddHandler(string eventName, Func<SocketIoEvent, ValueTask> handler) => AddDelegate(eventName, handler);

    private SocketIoSocket AddDelegate(string eventName, Delegate handler)
    {
        ArgumentNullException.ThrowIfNull(eventName);
        lock (Client.Gate)
        {
            var handlers = _handlers;
            var index = IndexOf(handlers, eventName);
            if (index < 0)
            {
                System.Threading.Volatile.Write(ref _handlers, [.. handlers, new EventHandlers(eventName, handler)]);
            }
            else
            {
                var copy = (EventHandlers[])handlers.Clone();
                var existing = copy[index].Handlers;
                Delegate[] merged = existing is Delegate[] several ? [.. several, handler] : [(Delegate)existing, handler];
                copy[index] = new EventHandlers(eventName, merged);
                System.Threading.Volatile.Write(ref _handlers, copy);
            }
        }

        return this;
    }

    private static int IndexOf(EventHandlers[] handlers, ReadOnlySpan<char> name)
    {
        for (var i = 0; i < handlers.Length; i++)
        {
            if (name.SequenceEqual(handlers[i].Name))
                return i;
        }

        return -1;
    }

    private SocketIoSocket Append<T>(ref T[]? handlers, T handler)
        where T : Delegate
    {
        ArgumentNullException.ThrowIfNull(handler);
        lock (Client.Gate)
            System.Threading.Volatile.Write(ref handlers, [.. handlers ?? [], handler]);
        return this;
    }

    private void RaiseDisconnecting(string reason)
    {
        foreach (var handler in System.Threading.Volatile.Read(ref _disconnectingHandlers) ?? [])
            Run("disconnecting", handler, reason);
    }

    private void RaiseDisconnect(string reason)
    {
        foreach (var handler in System.Threading.Volatile.Read(ref _disconnectHandlers) ?? [])
            Run("disconnect", handler, reason);
    }

#pragma warning disable CA1031 // Application handlers are isolated: an exception is logged and never kills the connection.
    private void Run<T>(string what, Action<T> handler, T argument)
    {
        try
        {
            handler(argument);
        }
        catch (Exception ex)
        {
            SocketIoLog.HandlerFailed(Namespace.Server.Logger, what, Id, ex);
        }
    }

    /// <summary>Runs an event handler (an <see cref="Action{T}"/> or a <see cref="Func{T, TResult}"/> returning a <see cref="ValueTask"/>); false when it is still running.</summary>
    private bool Run(string what, Delegate handler, SocketIoEvent e)
    {
        ValueTask pending;
        try
        {
            if (handler is Action<SocketIoEvent> action)
            {
                action(e);
                return true;
            }

            pending = ((Func<SocketIoEvent, ValueTask>)handler)(e);
        }
        catch (Exception ex)
        {
            SocketIoLog.HandlerFailed(Namespace.Server.Logger, what, Id, ex);
            return true;
        }

        if (pending.IsCompleted)
        {
            if (!pending.IsCompletedSuccessfully)
                _ = Observe(pending, what, Id, Namespace.Server.Logger);
            return true;
        }

        _ = Observe(pending, what, Id, Namespace.Server.Logger);
        return false;
    }

    internal static async Task Observe(ValueTask pending, string what, string id, ILogger logger)
    {
        try
        {
            await pending.ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            SocketIoLog.HandlerFailed(logger, what, id, ex);
        }
    }
#pragma warning restore CA1031

    /// <summary>One event name and its handlers: a delegate, or an array of delegates in registration order.</summary>
    private readonly record struct EventHandlers(string Name, object Handlers);
}
