namespace SocketIo.Engine.Timing;

/// <summary>
/// The owner of one or more <see cref="TimerEntry"/> nodes. The wheel calls it on the driver thread when a node expires;
/// an interface on the owner (instead of a delegate per timer) keeps scheduling free of closures.
/// </summary>
internal interface ITimerTarget
{
    /// <summary>
    /// Called on the wheel's driver thread, outside the wheel's lock, when <paramref name="entry"/> expires.
    /// The callback may schedule or cancel any entry, including this one.
    /// </summary>
    /// <param name="entry">The expired node; <see cref="TimerEntry.Kind"/> tells which of the owner's timers it is.</param>
    /// <param name="generation">
    /// The node's generation when the wheel claimed the expiry. If <c>entry.IsCurrent(generation)</c> is false, the
    /// node was scheduled or cancelled after the claim (a race the caller lost), so this firing is stale.
    /// </param>
    void OnTimer(TimerEntry entry, int generation);
}
