using System.Diagnostics;
using System.Numerics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace SocketIo.Engine.Timing;

/// <summary>
/// A hierarchical timer wheel (4 levels of 64 slots, plus an overflow list) for the server's heartbeats and timeouts.
/// Schedule, reschedule and cancel are O(1) and allocate nothing; expiry is O(1) per timer plus one cascade per level.
/// </summary>
/// <remarks>
/// <para>Time is counted in ticks of <see cref="TickDuration"/> since construction. Level <c>L</c> holds timers whose due
/// tick first differs from the current tick in bits <c>6L..6L+5</c>, so a level-<c>L</c> slot is cascaded to lower
/// levels exactly when the current tick enters its range. Due ticks at least 2^24 ticks ahead (93 hours at 20 ms)
/// wait in an overflow list that is re-placed every 2^24 ticks.</para>
/// <para>Thread safety: <see cref="Schedule"/>, <see cref="Cancel"/> and the <see cref="TimerEntry"/> methods may be
/// called from any thread; they hold one lock for a few pointer writes. Expiry runs on one driver: the thread started
/// by <see cref="Start"/>, or the caller of <see cref="RunDue"/>/<see cref="AdvanceTo"/> (deterministic mode), never
/// both. The driver claims expired nodes under the lock (after which they are no longer pending) and calls
/// <see cref="ITimerTarget.OnTimer"/> outside it.</para>
/// <para>Cancel guarantee: when <see cref="Cancel"/> returns true, the schedule it removed never fires, whatever the
/// other threads do. When it returns false, the node was not pending: it was idle, or the driver had already claimed
/// the expiry and the callback is running or about to run; that callback then sees
/// <c>entry.IsCurrent(generation) == false</c>, because Schedule and Cancel both bump the generation.</para>
/// </remarks>
internal sealed partial class TimerWheel
{
    /// <summary>The default tick: coarse enough to cost nothing when idle, fine enough for Engine.IO timeouts.</summary>
    public static readonly TimeSpan DefaultTickDuration = TimeSpan.FromMilliseconds(20);

    private const int SlotBits = 6;
    private const int SlotsPerLevel = 1 << SlotBits;
    private const int SlotMask = SlotsPerLevel - 1;
    private const int LevelCount = 4;
    private const int RangeBits = SlotBits * LevelCount;
    private const int OverflowSlot = LevelCount * SlotsPerLevel;

    // Bounds the time the lock is held while cascading or claiming a crowded slot.
    private const int BatchSize = 1024;

    private readonly Lock _lock = new();
    private readonly TimerEntry?[] _heads = new TimerEntry?[OverflowSlot + 1];
    private readonly ulong[] _occupied = new ulong[LevelCount];
    private readonly TimeProvider _timeProvider;
    private readonly long _originTimestamp;
    private readonly long _tickTimeSpanTicks;
    private readonly ILogger _logger;

    // The last tick the driver reached; every pending node is due strictly after it. Written under the lock.
    private long _now;
    private int _count;

    /// <summary>Creates a wheel whose tick 0 is now.</summary>
    /// <param name="tickDuration">Timer resolution; timers fire at most one tick late (plus driver lag), never early.</param>
    /// <param name="timeProvider">The clock; <see cref="TimeProvider.System"/> when null.</param>
    /// <param name="logger">Receives exceptions thrown by callbacks.</param>
    public TimerWheel(TimeSpan tickDuration, TimeProvider? timeProvider = null, ILogger? logger = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(tickDuration, TimeSpan.FromTicks(1));
        TickDuration = tickDuration;
        _tickTimeSpanTicks = tickDuration.Ticks;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _originTimestamp = _timeProvider.GetTimestamp();
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>Creates a wheel with <see cref="DefaultTickDuration"/> on the system clock.</summary>
    public TimerWheel()
        : this(DefaultTickDuration)
    {
    }

    /// <summary>The wheel's resolution.</summary>
    public TimeSpan TickDuration { get; }

    /// <summary>The last tick the driver processed.</summary>
    public long CurrentTick => Volatile.Read(ref _now);

    /// <summary>Number of pending timers.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>Exceptions thrown by callbacks so far (each is logged and swallowed so the driver keeps running).</summary>
    public long CallbackFailures => Interlocked.Read(ref _callbackFailures);

    /// <summary>The tick that the clock is in now (the driver processes up to it).</summary>
    public long ClockTick => _timeProvider.GetElapsedTime(_originTimestamp).Ticks / _tickTimeSpanTicks;

    /// <summary>
    /// Schedules <paramref name="entry"/> to expire no earlier than <paramref name="delay"/> from now, at most one tick
    /// later (plus driver lag). A pending schedule is moved, not duplicated.
    /// </summary>
    /// <returns>True if a pending schedule was replaced.</returns>
    public bool Schedule(TimerEntry entry, TimeSpan delay)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        var elapsed = _timeProvider.GetElapsedTime(_originTimestamp).Ticks;
        // Clamp so that absurd delays (TimeSpan.MaxValue) cannot overflow; they land in the overflow list.
        var deadline = elapsed + Math.Min(delay.Ticks, long.MaxValue / 4);
        var dueTick = (deadline + _tickTimeSpanTicks - 1) / _tickTimeSpanTicks;
        return ScheduleAt(entry, dueTick);
    }

    /// <summary>Schedules <paramref name="entry"/> at an absolute tick (clamped to after <see cref="CurrentTick"/>).</summary>
    /// <returns>True if a pending schedule was replaced.</returns>
    public bool ScheduleAt(TimerEntry entry, long dueTick)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (entry.Wheel != this)
        {
            ThrowForeignEntry();
        }

        lock (_lock)
        {
            var wasPending = entry.Slot != TimerEntry.NotLinked;
            if (wasPending)
            {
                Unlink(entry);
            }
            else
            {
                _count++;
            }

            entry.Due = Math.Max(dueTick, _now + 1);
            entry.GenerationField++;
            Link(entry);
            return wasPending;
        }
    }

    /// <summary>Removes the pending schedule of <paramref name="entry"/>, if any; see the class remarks for the guarantee.</summary>
    /// <returns>True if a pending schedule was removed; it will never fire.</returns>
    public bool Cancel(TimerEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (entry.Wheel != this)
        {
            ThrowForeignEntry();
        }

        lock (_lock)
        {
            // Bumped even when not pending, so a claimed-but-not-yet-run callback can tell it was cancelled.
            entry.GenerationField++;
            if (entry.Slot == TimerEntry.NotLinked)
            {
                return false;
            }

            Unlink(entry);
            _count--;
            return true;
        }
    }

    // Places a node relative to _now: the level is the highest 6-bit group in which the due tick differs from now.
    private void Link(TimerEntry entry)
    {
        Debug.Assert(_lock.IsHeldByCurrentThread);
        // Due == _now only while cascading into the slot that fires this very tick.
        Debug.Assert(entry.Due >= _now);
        var level = BitOperations.Log2((ulong)(entry.Due ^ _now)) / SlotBits;
        int slot;
        if (level < LevelCount)
        {
            var index = (int)(entry.Due >> (level * SlotBits)) & SlotMask;
            slot = (level * SlotsPerLevel) + index;
            _occupied[level] |= 1UL << index;
        }
        else
        {
            slot = OverflowSlot;
        }

        var head = _heads[slot];
        entry.Next = head;
        entry.Prev = null;
        if (head is not null)
        {
            head.Prev = entry;
        }

        _heads[slot] = entry;
        Volatile.Write(ref entry.Slot, slot);
    }

    private void Unlink(TimerEntry entry)
    {
        Debug.Assert(_lock.IsHeldByCurrentThread);
        var slot = entry.Slot;
        var next = entry.Next;
        var prev = entry.Prev;
        if (next is not null)
        {
            next.Prev = prev;
        }

        if (prev is not null)
        {
            prev.Next = next;
        }
        else
        {
            _heads[slot] = next;
            if (next is null && slot != OverflowSlot)
            {
                _occupied[slot >> SlotBits] &= ~(1UL << (slot & SlotMask));
            }
        }

        entry.Next = null;
        entry.Prev = null;
        Volatile.Write(ref entry.Slot, TimerEntry.NotLinked);
    }

    [StackTraceHidden]
    private static void ThrowForeignEntry() =>
        throw new ArgumentException("The timer entry belongs to another wheel.", "entry");
}
