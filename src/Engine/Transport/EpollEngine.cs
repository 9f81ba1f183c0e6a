using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace SocketIo.Engine.Transport;

/// <summary>
/// One epoll instance and one thread that hands readiness to <see cref="EpollReceiver"/>s, shared by the
/// connections of the process (Linux only; one engine, or one per core with inline completions).
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

    private static readonly Lazy<EpollEngine[]> LazyEngines = new(CreateEngines);
    private static int _nextEngine;

    private readonly int _epoll;
    private readonly bool _inline;
    private readonly Lock _slotsGate = new();
    private readonly Stack<int> _freeSlots = new();
    private EpollReceiver?[] _slots = new EpollReceiver?[1024];
    private int _usedSlots;
    private int _generation;

    private EpollEngine(bool inline)
    {
        _inline = inline;
        _epoll = EpollNative.Create();
        if (_epoll < 0)
        {
            throw new SocketException(Marshal.GetLastPInvokeError());
        }

        new Thread(Run) { IsBackground = true, Name = "SocketIo epoll" }.Start();
    }

    /// <summary>One of the process's engines (started on first use), taken in turn so sockets spread over them.</summary>
    public static EpollEngine Next()
    {
        var engines = LazyEngines.Value;
        return engines[(int)((uint)Interlocked.Increment(ref _nextEngine) % (uint)engines.Length)];
    }

    /// <summary>
    /// Hands a readiness to <paramref name="work"/>: on the pool, or at once on this engine's thread when the process
    /// asked for inline socket completions (<c>DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1</c>, the Host's
    /// <c>--inline-io</c>), as the runtime's socket engine does.
    /// </summary>
    public void Dispatch(IThreadPoolWorkItem work)
    {
        if (_inline)
        {
            work.Execute();
        }
        else
        {
            ThreadPool.UnsafeQueueUserWorkItem(work, preferLocal: false);
        }
    }

    /// <summary>
    /// As the runtime's socket engine: one engine, or with inline completions one per core (a handler then runs on
    /// the engine's thread, so one thread would serialize every connection).
    /// </summary>
    private static EpollEngine[] CreateEngines()
    {
        var inline = Environment.GetEnvironmentVariable("DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS") is "1" or "true";
        var engines = new EpollEngine[inline ? Environment.ProcessorCount : 1];
        for (var i = 0; i < engines.Length; i++)
        {
            engines[i] = new EpollEngine(inline);
        }

        return engines;
    }

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
