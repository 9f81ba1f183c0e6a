namespace SocketIo.Engine.Timing;

/// <summary>
/// An intrusive timer node: the owner creates it once (for example with its session) and reschedules it for the
/// owner's whole life, so scheduling and cancelling allocate nothing. The node is the list cell of its wheel slot.
/// </summary>
/// <remarks>
/// Thread safety: <see cref="Schedule"/> and <see cref="Cancel"/> may be called from any thread. The link fields are
/// guarded by the wheel's lock; <see cref="Slot"/> and <see cref="Generation"/> are also readable without it.
/// </remarks>
internal sealed class TimerEntry
{
    /// <summary>Value of <see cref="Slot"/> while the node is not in the wheel.</summary>
    internal const int NotLinked = -1;

    internal TimerEntry? Next;
    internal TimerEntry? Prev;
    internal long Due;
    internal int Slot = NotLinked;
    internal int GenerationField;

    /// <summary>Creates a node bound to <paramref name="wheel"/> that reports to <paramref name="target"/>.</summary>
    /// <param name="wheel">The wheel this node is scheduled on, for its whole life.</param>
    /// <param name="target">The owner called on expiry.</param>
    /// <param name="kind">The owner's tag telling its timers apart (ping, ping timeout, upgrade...).</param>
    public TimerEntry(TimerWheel wheel, ITimerTarget target, int kind)
    {
        ArgumentNullException.ThrowIfNull(wheel);
        ArgumentNullException.ThrowIfNull(target);
        Wheel = wheel;
        Target = target;
        Kind = kind;
    }

    /// <summary>The wheel this node belongs to.</summary>
    public TimerWheel Wheel { get; }

    /// <summary>The owner called on expiry.</summary>
    public ITimerTarget Target { get; }

    /// <summary>The owner's tag for this timer.</summary>
    public int Kind { get; }

    /// <summary>True while the node is scheduled and its expiry has not been claimed by the driver.</summary>
    public bool IsPending => Volatile.Read(ref Slot) != NotLinked;

    /// <summary>Incremented by every <see cref="Schedule"/> and <see cref="Cancel"/>.</summary>
    public int Generation => Volatile.Read(ref GenerationField);

    /// <summary>The tick this node is (or was last) due at.</summary>
    public long DueTick => Volatile.Read(ref Due);

    /// <summary>True when no schedule or cancel happened since the firing that reported <paramref name="generation"/>.</summary>
    public bool IsCurrent(int generation) => generation == Generation;

    /// <summary>Schedules (or moves) this node to expire after <paramref name="delay"/>; see <see cref="TimerWheel.Schedule"/>.</summary>
    /// <returns>True if a pending schedule was replaced.</returns>
    public bool Schedule(TimeSpan delay) => Wheel.Schedule(this, delay);

    /// <summary>Cancels the pending schedule; see <see cref="TimerWheel.Cancel"/>.</summary>
    /// <returns>True if a pending schedule was removed and will never fire.</returns>
    public bool Cancel() => Wheel.Cancel(this);
}
