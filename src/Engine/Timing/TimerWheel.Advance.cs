using System.Diagnostics;
using System.Numerics;

namespace SocketIo.Engine.Timing;

internal sealed partial class TimerWheel
{
    // Claimed expiries of the slot being fired; owned by the driver, so it needs no lock once filled.
    private readonly Expiry[] _expiries = new Expiry[BatchSize];
    private int _driving;
    private long _callbackFailures;

    /// <summary>Processes every tick up to the clock's current tick; the deterministic-mode entry point.</summary>
    /// <returns>The number of callbacks invoked.</returns>
    public int RunDue() => AdvanceTo(ClockTick);

    /// <summary>
    /// Processes every tick up to and including <paramref name="targetTick"/>, firing due timers in tick order.
    /// Empty stretches are skipped in O(1) using the slot occupancy bitmaps. Must not run concurrently with itself or
    /// with the driver thread, nor be called from a callback.
    /// </summary>
    /// <returns>The number of callbacks invoked.</returns>
    public int AdvanceTo(long targetTick)
    {
        if (Interlocked.Exchange(ref _driving, 1) != 0)
        {
            ThrowConcurrentDriver();
        }

        try
        {
            var fired = 0;
            while (true)
            {
                long tick;
                lock (_lock)
                {
                    if (_now >= targetTick)
                    {
                        return fired;
                    }

                    tick = NextEventTickLocked();
                    if (tick > targetTick)
                    {
                        _now = targetTick;
                        return fired;
                    }

                    Volatile.Write(ref _now, tick);
                    if ((tick & ((1L << RangeBits) - 1)) == 0)
                    {
                        ReplaceOverflowLocked();
                    }
                }

                // Only the highest level whose range starts at this tick needs a cascade: the lower levels' current
                // slots (index 0) stay empty, because a due tick in their range lands on an even lower level.
                var level = Math.Min(BitOperations.TrailingZeroCount(tick) / SlotBits, LevelCount - 1);
                if (level > 0)
                {
                    var shift = level * SlotBits;
                    CascadeSlot((level * SlotsPerLevel) + (int)((tick >> shift) & SlotMask));
                }

                fired += FireSlot((int)(tick & SlotMask));
            }
        }
        finally
        {
            Volatile.Write(ref _driving, 0);
        }
    }

    // The first tick after _now at which a slot must be cascaded or fired. Occupied slots of a level always have an
    // index above the current one, and every level-L event comes before every level-(L+1) event, so the first
    // non-empty level decides.
    private long NextEventTickLocked()
    {
        for (var level = 0; level < LevelCount; level++)
        {
            var occupied = _occupied[level];
            if (occupied == 0)
            {
                continue;
            }

            var shift = level * SlotBits;
            var current = (int)(_now >> shift) & SlotMask;
            Debug.Assert((occupied & (ulong.MaxValue >> (SlotMask - current))) == 0, "occupied slot at or before now");
            var index = BitOperations.TrailingZeroCount(occupied);
            var windowStart = (_now >> (shift + SlotBits)) << (shift + SlotBits);
            return windowStart + ((long)index << shift);
        }

        return _heads[OverflowSlot] is null ? long.MaxValue : ((_now >> RangeBits) + 1) << RangeBits;
    }

    // Runs once per 2^24 ticks and only when far timers exist, so one pass under the lock is fine.
    private void ReplaceOverflowLocked()
    {
        var node = _heads[OverflowSlot];
        _heads[OverflowSlot] = null;
        while (node is not null)
        {
            var next = node.Next;
            Link(node);
            node = next;
        }
    }

    // Moves the nodes of an upper-level slot down, a batch per lock hold. Nodes always move to a lower level, and no
    // scheduler can add to this slot any more (its index is now the current one), so the loop ends.
    private void CascadeSlot(int slot)
    {
        while (true)
        {
            lock (_lock)
            {
                for (var i = 0; i < BatchSize; i++)
                {
                    var node = _heads[slot];
                    if (node is null)
                    {
                        return;
                    }

                    Unlink(node);
                    Link(node);
                }
            }
        }
    }

    // Claims the due nodes of a level-0 slot a batch at a time, then calls them outside the lock. A claimed node is no
    // longer pending, so Cancel returns false for it from then on.
    private int FireSlot(int slot)
    {
        var fired = 0;
        while (true)
        {
            var claimed = 0;
            lock (_lock)
            {
                var node = _heads[slot];
                while (node is not null && claimed < BatchSize)
                {
                    Debug.Assert(node.Due == _now);
                    var next = node.Next;
                    _expiries[claimed++] = new Expiry(node, node.GenerationField);
                    node.Next = null;
                    node.Prev = null;
                    Volatile.Write(ref node.Slot, TimerEntry.NotLinked);
                    node = next;
                }

                _heads[slot] = node;
                if (node is null)
                {
                    _occupied[0] &= ~(1UL << slot);
                }
                else
                {
                    node.Prev = null;
                }

                _count -= claimed;
            }

            if (claimed == 0)
            {
                return fired;
            }

            for (var i = 0; i < claimed; i++)
            {
                var expiry = _expiries[i];
                _expiries[i] = default;
                Invoke(expiry);
            }

            fired += claimed;
        }
    }

    private void Invoke(Expiry expiry)
    {
#pragma warning disable CA1031 // A failing owner must not stop every other timer of the server.
        try
        {
            expiry.Entry.Target.OnTimer(expiry.Entry, expiry.Generation);
        }
        catch (Exception exception)
        {
            Interlocked.Increment(ref _callbackFailures);
            TimerWheelLog.CallbackFailed(_logger, expiry.Entry.Kind, exception);
        }
#pragma warning restore CA1031
    }

    [StackTraceHidden]
    private static void ThrowConcurrentDriver() =>
        throw new InvalidOperationException("The timer wheel is already being driven by another caller.");

    private readonly record struct Expiry(TimerEntry Entry, int Generation);
}
