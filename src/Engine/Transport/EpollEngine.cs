using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace SocketIo.Engine.Transport;

/// <summary>
/// One epoll instance and one thread that hands readiness to <see cref="EpollReceiver"/>s, shared by every
/// connection in the process (Linux only).
/// </summary>
/// <remarks>
/// Why not the runtime's socket engine: its per-socket async state (context, operation queues and their locks,
/// a cached receive operation and callback, the event args) costs ~720 B per connection, most of an idle
/// connection's budget. Here a receiver costs one small object and a slot in a table.
/// <para>
/// Sockets are added once, edge-triggered, so waiting costs no system call: the receiver counts events and knows
/// from the count whether data may have arrived since it last found the socket empty. An event names its
/// receiver by slot and generation, never by pointer, so an event that arrives after its receiver was released
/// finds a different generation (or nothing) and is dropped.
/// </para>
/// </remarks>
internal sealed unsafe class EpollEngine
{
    private const int MaxEventsPerWait = 256;

    private static readonly Lazy<EpollEngine> LazyShared = new(static () => new EpollEngine());

    private readonly int _epoll;
    private readonly Lock _slotsGate = new();
    private readonly Stack<int> _freeSlots = new();
    private EpollReceiver?[] _slots = new EpollReceiver?[1024];
    private int _usedSlots;
    private int _generation;

    private EpollEngine()
    {
        _epoll = EpollNative.Create();
        if (_epoll < 0)
        {
            throw new SocketException(Marshal.GetLastPInvokeError());
        }

        new Thread(Run) { IsBackground = true, Name = "SocketIo epoll" }.Start();
    }

    /// <summary>The process's engine, started on first use.</summary>
    public static EpollEngine Shared => LazyShared.Value;

    /// <summary>Gives <paramref name="receiver"/> a slot; returns its event key.</summary>
    public ulong Register(EpollReceiver receiver)
    {
        lock (_slotsGate)
        {
            if (!_freeSlots.TryPop(out var slot))
            {
                slot = _usedSlots++;
                if (slot == _slots.Length)
                {
                    var grown = new EpollReceiver?[_slots.Length * 2];
                    _slots.CopyTo(grown, 0);
                    Volatile.Write(ref _slots, grown);
                }
            }

            var generation = (uint)++_generation;
            _slots[slot] = receiver;
            return ((ulong)generation << 32) | (uint)slot;
        }
    }

    /// <summary>Frees the slot of <paramref name="key"/>; events still in flight for it are dropped.</summary>
    public void Unregister(ulong key)
    {
        lock (_slotsGate)
        {
            var slot = (int)(uint)key;
            _slots[slot] = null;
            _freeSlots.Push(slot);
        }
    }

    /// <summary>Adds <paramref name="socket"/>, edge-triggered: one event each time data (or FIN) arrives.</summary>
    /// <exception cref="ObjectDisposedException">The socket was closed.</exception>
    public SocketError Add(SafeHandle socket, ulong key)
    {
        const uint events = EpollNative.In | EpollNative.ReadHangUp | EpollNative.EdgeTriggered;
        return EpollNative.Control(_epoll, EpollNative.CtlAdd, socket, events, key) == 0 ? SocketError.Success : SocketError.SocketError;
    }

    private void Run()
    {
        var events = (byte*)NativeMemory.Alloc((nuint)(MaxEventsPerWait * EpollNative.EventSize));
        while (true)
        {
            var count = EpollNative.Wait(_epoll, events, MaxEventsPerWait);
            var slots = Volatile.Read(ref _slots);
            for (var i = 0; i < count; i++)
            {
                var key = EpollNative.EventData(events, i);
                var slot = (int)(uint)key;
                if ((uint)slot < (uint)slots.Length && slots[slot] is { } receiver && receiver.Key == key)
                {
                    receiver.OnReady();
                }
            }
        }
    }
}
