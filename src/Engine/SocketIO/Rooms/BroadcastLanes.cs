using System.Numerics;

namespace SocketIo.Engine.SocketIO.Rooms;

/// <summary>
/// Hands out the lanes of <see cref="BroadcastMarks"/> to concurrent broadcasts. A lane is owned by one
/// broadcast at a time, so its stamp counter and the members' marks for it need no atomics; the lease itself is
/// one compare-and-swap and the release one atomic AND. When every lane is taken the caller falls back to a
/// pooled hash set instead of waiting, so readers never block.
/// </summary>
internal sealed class BroadcastLanes
{
    /// <summary>Lanes per index: enough for the broadcasts that really run at once on small machines.</summary>
    public const int MaxLanes = 4;

    private readonly int _allLanes;
    private readonly long[] _stamps = new long[MaxLanes];
    private int _busy;

    public BroadcastLanes(int lanes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(lanes);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(lanes, MaxLanes);
        _allLanes = (1 << lanes) - 1;
    }

    /// <summary>Leases a free lane, or returns -1 if all are in use.</summary>
    public int TryLease()
    {
        while (true)
        {
            var busy = Volatile.Read(ref _busy);
            var free = ~busy & _allLanes;
            if (free == 0)
                return -1;
            var lane = BitOperations.TrailingZeroCount(free);
            if (Interlocked.CompareExchange(ref _busy, busy | (1 << lane), busy) == busy)
                return lane;
        }
    }

    /// <summary>A stamp no member carries yet for this lane (stamps only grow; 0 is "never marked").</summary>
    public long NextStamp(int lane) => ++_stamps[lane];

    public void Release(int lane) => Interlocked.And(ref _busy, ~(1 << lane));
}
