namespace SocketIo.Engine.SocketIO.Rooms;

internal sealed partial class RoomIndex<TMember>
{
    /// <summary>Fallback "seen" set for broadcasts that find every lane busy; one per thread, reused.</summary>
    [ThreadStatic]
    private static HashSet<RoomMembership<TMember>>? t_seen;

    /// <summary>
    /// Visits every recipient of a broadcast once: the members of <paramref name="rooms"/> (every member of the
    /// namespace when empty) that are in none of <paramref name="except"/>. Takes no lock and allocates nothing
    /// in steady state. Returns the number of members visited.
    /// </summary>
    /// <remarks>
    /// One target room and no except rooms (or no rooms at all) is a plain walk of the room's slots. One target
    /// with at most <see cref="FewExcluded{TMember}.Capacity"/> excluded members (typically the sender) compares
    /// each recipient with those few references. Anything else leases a broadcast lane and stamps members in
    /// their own record: except members first, then each visited member when there are several target rooms; a
    /// member is skipped when it carries the stamp. If all lanes are busy a pooled hash set does the same job. A room
    /// name also reaches the member whose own room it is (see <see cref="FindOwner"/>), handled like one more slot.
    /// </remarks>
    public int ForEachRecipient<TVisitor>(ReadOnlySpan<string> rooms, ReadOnlySpan<string> except, ref TVisitor visitor)
        where TVisitor : struct, IRoomVisitor<TMember>
    {
        Room<TMember>? target = null;
        RoomMembership<TMember>? targetOwner = null;
        var single = rooms.Length <= 1;
        if (single)
        {
            if (rooms.IsEmpty)
            {
                target = _all;
            }
            else
            {
                target = _rooms.GetValueOrDefault(rooms[0]);
                targetOwner = FindOwner(rooms[0]);
            }

            if (target is null && targetOwner is null)
                return 0;
            if (except.IsEmpty)
                return VisitEach(target, ref visitor) + VisitOwner(targetOwner, ref visitor);
            var few = default(FewExcluded<TMember>);
            if (TryCollectFew(except, ref few))
            {
                var visited = VisitExceptFew(target, in few, ref visitor);
                return targetOwner is null || few.Contains(targetOwner) ? visited : visited + VisitOwner(targetOwner, ref visitor);
            }
        }

        var lane = _lanes.TryLease();
        if (lane < 0)
            return ForEachRecipientWithSet(rooms, except, ref visitor);
        try
        {
            var stamp = _lanes.NextStamp(lane);
            foreach (var name in except)
            {
                if (_rooms.TryGetValue(name, out var excluded))
                    Mark(excluded, lane, stamp);
                FindOwner(name)?.Marks[lane] = stamp;
            }

            if (single)
            {
                return VisitUnmarked(target, lane, stamp, markVisited: false, ref visitor)
                    + VisitOwnerUnmarked(targetOwner, lane, stamp, markVisited: false, ref visitor);
            }

            var visited = 0;
            foreach (var name in rooms)
            {
                visited += VisitUnmarked(_rooms.GetValueOrDefault(name), lane, stamp, markVisited: true, ref visitor);
                visited += VisitOwnerUnmarked(FindOwner(name), lane, stamp, markVisited: true, ref visitor);
            }

            return visited;
        }
        finally
        {
            _lanes.Release(lane);
        }
    }

    private static int VisitOwner<TVisitor>(RoomMembership<TMember>? owner, ref TVisitor visitor)
        where TVisitor : struct, IRoomVisitor<TMember>
    {
        if (owner is null)
            return 0;
        visitor.Visit(owner.Member);
        return 1;
    }

    private static int VisitOwnerUnmarked<TVisitor>(RoomMembership<TMember>? owner, int lane, long stamp, bool markVisited, ref TVisitor visitor)
        where TVisitor : struct, IRoomVisitor<TMember>
    {
        if (owner is null)
            return 0;
        ref var mark = ref owner.Marks[lane];
        if (mark == stamp)
            return 0;
        if (markVisited)
            mark = stamp;
        visitor.Visit(owner.Member);
        return 1;
    }

    private static int VisitEach<TVisitor>(Room<TMember>? room, ref TVisitor visitor)
        where TVisitor : struct, IRoomVisitor<TMember>
    {
        if (room is null)
            return 0;
        var slots = room.Snapshot(out var version);
        var visited = 0;
        for (var i = 0; i < slots.Length; i++)
        {
            var record = Volatile.Read(ref slots[i].Record);
            if (record is null || slots[i].Version > version)
                continue;
            visitor.Visit(record.Member);
            visited++;
        }

        return visited;
    }

    private bool TryCollectFew(ReadOnlySpan<string> except, ref FewExcluded<TMember> few)
    {
        foreach (var name in except)
        {
            if (FindOwner(name) is { } owner && !few.TryAdd(owner))
                return false;
            if (!_rooms.TryGetValue(name, out var excluded))
                continue;
            foreach (ref var slot in excluded.Snapshot(out _))
            {
                var record = Volatile.Read(ref slot.Record);
                if (record is not null && !few.TryAdd(record))
                    return false;
            }
        }

        return true;
    }

    private static int VisitExceptFew<TVisitor>(Room<TMember>? room, in FewExcluded<TMember> few, ref TVisitor visitor)
        where TVisitor : struct, IRoomVisitor<TMember>
    {
        if (room is null)
            return 0;
        var slots = room.Snapshot(out var version);
        var visited = 0;
        for (var i = 0; i < slots.Length; i++)
        {
            var record = Volatile.Read(ref slots[i].Record);
            if (record is null || slots[i].Version > version || few.Contains(record))
                continue;
            visitor.Visit(record.Member);
            visited++;
        }

        return visited;
    }

    private static void Mark(Room<TMember> room, int lane, long stamp)
    {
        // Marking a member that joined the except room during the broadcast is allowed, so no version check.
        foreach (ref var slot in room.Snapshot(out _))
            Volatile.Read(ref slot.Record)?.Marks[lane] = stamp;
    }

    private static int VisitUnmarked<TVisitor>(Room<TMember>? room, int lane, long stamp, bool markVisited, ref TVisitor visitor)
        where TVisitor : struct, IRoomVisitor<TMember>
    {
        if (room is null)
            return 0;
        var slots = room.Snapshot(out var version);
        var visited = 0;
        for (var i = 0; i < slots.Length; i++)
        {
            var record = Volatile.Read(ref slots[i].Record);
            if (record is null || slots[i].Version > version)
                continue;
            ref var mark = ref record.Marks[lane];
            if (mark == stamp)
                continue;
            if (markVisited)
                mark = stamp;
            visitor.Visit(record.Member);
            visited++;
        }

        return visited;
    }

    private int ForEachRecipientWithSet<TVisitor>(ReadOnlySpan<string> rooms, ReadOnlySpan<string> except, ref TVisitor visitor)
        where TVisitor : struct, IRoomVisitor<TMember>
    {
        // Taken out of the thread slot while in use, so a visitor that broadcasts again gets its own set.
        var seen = t_seen ?? [];
        t_seen = null;
        try
        {
            var adder = new SetAdder(seen);
            foreach (var name in except)
            {
                if (_rooms.TryGetValue(name, out var excluded))
                    VisitRecords(excluded, ref adder);
                if (FindOwner(name) is { } owner)
                    adder.Visit(owner);
            }

            var filter = new SetFilter<TVisitor>(seen, addVisited: rooms.Length > 1, ref visitor);
            if (rooms.IsEmpty)
                VisitRecords(_all, ref filter);
            foreach (var name in rooms)
            {
                if (_rooms.TryGetValue(name, out var room))
                    VisitRecords(room, ref filter);
                if (FindOwner(name) is { } owner)
                    filter.Visit(owner);
            }

            return filter.Visited;
        }
        finally
        {
            seen.Clear();
            t_seen = seen;
        }
    }

    /// <summary>Like <see cref="VisitEach{TVisitor}"/> but hands the visitor the member's record.</summary>
    private static void VisitRecords<TVisitor>(Room<TMember> room, ref TVisitor visitor)
        where TVisitor : struct, IRecordVisitor, allows ref struct
    {
        var slots = room.Snapshot(out var version);
        for (var i = 0; i < slots.Length; i++)
        {
            var record = Volatile.Read(ref slots[i].Record);
            if (record is not null && slots[i].Version <= version)
                visitor.Visit(record);
        }
    }

    private interface IRecordVisitor
    {
        void Visit(RoomMembership<TMember> record);
    }

    private readonly struct SetAdder(HashSet<RoomMembership<TMember>> seen) : IRecordVisitor
    {
        public void Visit(RoomMembership<TMember> record) => seen.Add(record);
    }

    /// <summary>Visits records not in the set; with several target rooms it also adds each visited record.</summary>
    private ref struct SetFilter<TVisitor>(HashSet<RoomMembership<TMember>> seen, bool addVisited, ref TVisitor inner) : IRecordVisitor
        where TVisitor : struct, IRoomVisitor<TMember>
    {
        private readonly ref TVisitor _inner = ref inner;

        public int Visited { get; private set; }

        public void Visit(RoomMembership<TMember> record)
        {
            if (addVisited ? !seen.Add(record) : seen.Contains(record))
                return;
            _inner.Visit(record.Member);
            Visited++;
        }
    }
}
