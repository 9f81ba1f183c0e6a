using System.Collections.Concurrent;

namespace SocketIo.Engine.SocketIO.Rooms;

/// <summary>
/// The rooms of one namespace: which members are in which room (PROTOCOL.md 2.11), and the recipients of a
/// broadcast. A member belongs to the namespace while it is in at least one room (a socket joins its own id
/// room on connect); rooms disappear when their last member leaves.
/// </summary>
/// <remarks>
/// <para>Thread safety: every method may be called from any thread. Writers (joins and leaves) take the
/// member's lock and then the room's lock, never two rooms' locks at once. Readers (broadcasts, snapshots of a
/// room, counts) take no lock and never wait for writers.</para>
/// <para>Consistency of a broadcast running while members join and leave: each recipient is visited at most
/// once; a member that stays in a target room for the whole broadcast (and in no except room) is visited;
/// a member that joins or leaves during the broadcast may or may not be; a member that stays in an except room
/// for the whole broadcast is never visited.</para>
/// <para>Own rooms: with an owner lookup (see the constructor), a member may have an own room (a socket's id room)
/// that is never materialized: the room named N holds the members of the ordinary room N, if any, plus the member
/// whose own room is N while it is in it (the two never overlap: that member's joins of N set its flag). An idle
/// socket then keeps no room object, slot array, lock or dictionary entry for its id room.</para>
/// </remarks>
internal sealed partial class RoomIndex<TMember>
    where TMember : class
{
    private readonly ConcurrentDictionary<string, Room<TMember>> _rooms = new(StringComparer.Ordinal);
    private readonly Room<TMember> _all = new(string.Empty, permanent: true);
    private readonly BroadcastLanes _lanes;
    private readonly Func<string, RoomMembership<TMember>?>? _ownerOf;
    private int _roomCount;
    private int _ownRoomCount;

    /// <summary>Creates an empty index.</summary>
    public RoomIndex()
        : this(BroadcastLanes.MaxLanes)
    {
    }

    /// <summary>Creates an empty index with a given number of broadcast lanes (0 forces the hash-set path).</summary>
    internal RoomIndex(int broadcastLanes) => _lanes = new BroadcastLanes(broadcastLanes);

    /// <summary>
    /// Creates an empty index whose members may have own rooms: <paramref name="ownerOf"/> returns the record whose
    /// <see cref="RoomMembership{TMember}.OwnRoom"/> may be the given name (or null); it must not lock.
    /// </summary>
    internal RoomIndex(Func<string, RoomMembership<TMember>?> ownerOf, int broadcastLanes = BroadcastLanes.MaxLanes)
        : this(broadcastLanes)
    {
        ArgumentNullException.ThrowIfNull(ownerOf);
        _ownerOf = ownerOf;
    }

    /// <summary>Number of rooms that have at least one member (an own room also joined by others counts twice).</summary>
    public int RoomCount => Volatile.Read(ref _roomCount) + Volatile.Read(ref _ownRoomCount);

    /// <summary>Number of members that are in at least one room.</summary>
    public int MemberCount => _all.Size;

    /// <summary>
    /// Creates the record through which a member joins and leaves rooms of this index. Its joins and leaves are
    /// serialized by <paramref name="gate"/> (a lock the member already owns, taken before any room's lock and
    /// never held while waiting for another member), or by a lock of its own. <paramref name="ownRoom"/> names the
    /// member's own room, which needs an index created with an owner lookup that finds this record by that name.
    /// </summary>
    public RoomMembership<TMember> CreateMembership(TMember member, object? gate = null, string? ownRoom = null)
    {
        ArgumentNullException.ThrowIfNull(member);
        if (ownRoom is not null && _ownerOf is null)
            throw new ArgumentException("This index has no owner lookup for own rooms.", nameof(ownRoom));
        return new RoomMembership<TMember>(this, member, gate ?? new object(), ownRoom);
    }

    /// <summary>Adds a member to a room, creating the room if needed. Returns false if it was already there.</summary>
    public bool Join(RoomMembership<TMember> member, string room)
    {
        CheckOwner(member);
        ArgumentNullException.ThrowIfNull(room);
        lock (member.Gate)
            return JoinLocked(member, room);
    }

    /// <summary>Adds a member to several rooms. Returns how many it was not in before.</summary>
    public int Join(RoomMembership<TMember> member, params ReadOnlySpan<string> rooms)
    {
        CheckOwner(member);
        var joined = 0;
        lock (member.Gate)
        {
            foreach (var room in rooms)
            {
                ArgumentNullException.ThrowIfNull(room, nameof(rooms));
                if (JoinLocked(member, room))
                    joined++;
            }
        }

        return joined;
    }

    /// <summary>Removes a member from a room. Returns false if it was not there.</summary>
    public bool Leave(RoomMembership<TMember> member, string room)
    {
        CheckOwner(member);
        ArgumentNullException.ThrowIfNull(room);
        lock (member.Gate)
        {
            if (IsOwnRoom(member, room))
            {
                if (!member.InOwnRoom)
                    return false;
                SetInOwnRoom(member, false);
                if (member.RoomCount == 0)
                    _all.Remove(member);
                return true;
            }

            if (!_rooms.TryGetValue(room, out var joined))
                return false;
            var position = member.IndexOf(joined);
            if (position < 0)
                return false;
            member.RemoveRoomAt(position);
            RemoveFromRoom(joined, member);
            if (member.RoomCount == 0)
                _all.Remove(member);
            return true;
        }
    }

    /// <summary>Removes a member from every room (on disconnect). Returns how many rooms it left.</summary>
    public int LeaveAll(RoomMembership<TMember> member)
    {
        CheckOwner(member);
        lock (member.Gate)
        {
            var rooms = member.Rooms;
            var own = member.InOwnRoom;
            if (rooms.IsEmpty && !own)
                return 0;
            foreach (var room in rooms)
                RemoveFromRoom(room, member);
            if (own)
                SetInOwnRoom(member, false);
            member.ClearRooms();
            _all.Remove(member);
            return rooms.Length + (own ? 1 : 0);
        }
    }

    /// <summary>Whether a member is in a room.</summary>
    public bool IsInRoom(RoomMembership<TMember> member, string room)
    {
        CheckOwner(member);
        ArgumentNullException.ThrowIfNull(room);
        if (IsOwnRoom(member, room))
            return member.InOwnRoom;
        if (!_rooms.TryGetValue(room, out var joined))
            return false;
        lock (member.Gate)
            return member.IndexOf(joined) >= 0;
    }

    /// <summary>A snapshot of the names of the rooms a member is in.</summary>
    public string[] GetRooms(RoomMembership<TMember> member)
    {
        CheckOwner(member);
        lock (member.Gate)
        {
            // The own room first, as the reference lists a socket's id room first.
            var rooms = member.Rooms;
            var own = member.InOwnRoom ? 1 : 0;
            var names = new string[own + rooms.Length];
            if (own == 1)
                names[0] = member.OwnRoom!;
            for (var i = 0; i < rooms.Length; i++)
                names[own + i] = rooms[i].Name;
            return names;
        }
    }

    /// <summary>Whether a room has members.</summary>
    public bool RoomExists(string room) => _rooms.ContainsKey(room) || FindOwner(room) is not null;

    /// <summary>Number of members in a room (0 if it does not exist).</summary>
    public int GetRoomSize(string room) =>
        (_rooms.TryGetValue(room, out var joined) ? joined.Size : 0) + (FindOwner(room) is null ? 0 : 1);

    /// <summary>A snapshot of the members of a room (empty if it does not exist).</summary>
    public TMember[] GetMembers(string room)
    {
        var owner = FindOwner(room);
        if (!_rooms.TryGetValue(room, out var joined))
            return owner is null ? [] : [owner.Member];
        var collector = new MemberCollector(joined.Size + 1);
        if (owner is not null)
            collector.Visit(owner.Member);
        VisitEach(joined, ref collector);
        return collector.Members.ToArray();
    }

    /// <summary>A snapshot of the names of all rooms.</summary>
    public string[] GetRoomNames()
    {
        var names = new HashSet<string>(RoomCount, StringComparer.Ordinal);
        foreach (var pair in _rooms)
            names.Add(pair.Key);
        if (_ownerOf is not null)
        {
            var collector = new OwnRoomCollector(names);
            VisitRecords(_all, ref collector);
        }

        return [.. names];
    }

    /// <summary>The room object behind a name, for tests that look at capacity.</summary>
    internal Room<TMember>? FindRoom(string room) => _rooms.TryGetValue(room, out var joined) ? joined : null;

    private bool JoinLocked(RoomMembership<TMember> member, string name)
    {
        if (IsOwnRoom(member, name))
        {
            if (member.InOwnRoom)
                return false;
            if (member.RoomCount == 0)
                _all.TryAdd(member);
            SetInOwnRoom(member, true);
            return true;
        }

        while (true)
        {
            var room = GetOrCreateRoom(name);
            if (member.IndexOf(room) >= 0)
                return false;
            if (room.TryAdd(member))
            {
                if (member.RoomCount == 0)
                    _all.TryAdd(member);
                member.AddRoom(room);
                return true;
            }

            // The room emptied (and was removed) between the lookup and the add: drop it and make a new one.
            _rooms.TryRemove(KeyValuePair.Create(name, room));
        }
    }

    private Room<TMember> GetOrCreateRoom(string name)
    {
        if (_rooms.TryGetValue(name, out var room))
            return room;
        var created = new Room<TMember>(name);
        room = _rooms.GetOrAdd(name, created);
        if (ReferenceEquals(room, created))
            Interlocked.Increment(ref _roomCount);
        return room;
    }

    private void RemoveFromRoom(Room<TMember> room, RoomMembership<TMember> member)
    {
        if (room.Remove(member))
        {
            _rooms.TryRemove(KeyValuePair.Create(room.Name, room));
            Interlocked.Decrement(ref _roomCount);
        }
    }

    private static bool IsOwnRoom(RoomMembership<TMember> member, string name) =>
        member.OwnRoom is { } own && string.Equals(own, name, StringComparison.Ordinal);

    /// <summary>The member whose own room is <paramref name="name"/>, if it is in it now.</summary>
    private RoomMembership<TMember>? FindOwner(string name) =>
        _ownerOf?.Invoke(name) is { InOwnRoom: true } owner && IsOwnRoom(owner, name) ? owner : null;

    /// <summary>Call with the member's gate held.</summary>
    private void SetInOwnRoom(RoomMembership<TMember> member, bool value)
    {
        member.InOwnRoom = value;
        Interlocked.Add(ref _ownRoomCount, value ? 1 : -1);
    }

    private void CheckOwner(RoomMembership<TMember> member)
    {
        ArgumentNullException.ThrowIfNull(member);
        if (!ReferenceEquals(member.Owner, this))
            throw new ArgumentException("The membership belongs to another room index.", nameof(member));
    }

    private struct MemberCollector(int capacity) : IRoomVisitor<TMember>
    {
        public readonly List<TMember> Members = new(capacity);

        public readonly void Visit(TMember member) => Members.Add(member);
    }

    private readonly struct OwnRoomCollector(HashSet<string> names) : IRecordVisitor
    {
        public void Visit(RoomMembership<TMember> record)
        {
            if (record is { InOwnRoom: true, OwnRoom: { } own })
                names.Add(own);
        }
    }
}
