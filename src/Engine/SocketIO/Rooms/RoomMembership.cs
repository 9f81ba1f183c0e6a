namespace SocketIo.Engine.SocketIO.Rooms;

/// <summary>
/// The per-member record of a <see cref="RoomIndex{TMember}"/>: the member itself, the rooms it is in (so that
/// leaving all of them costs its own room count) and its broadcast marks. Room slots point at this record, so a
/// broadcast reads the member and its marks from one object. Create it with
/// <see cref="RoomIndex{TMember}.CreateMembership"/> and keep it with the member (the namespace socket).
/// </summary>
internal sealed class RoomMembership<TMember>
    where TMember : class
{
    /// <summary>Room count above which the room list also keeps a room-to-position map.</summary>
    private const int IndexedRoomCount = 16;

    private Room<TMember>[] _rooms = [];
    private int _roomCount;
    private Dictionary<Room<TMember>, int>? _positionOf;

    internal BroadcastMarks Marks;

    /// <summary>The member's slot in its index's permanent room (every member's), or -1; guarded by that room's lock.</summary>
    internal int PermanentSlot = -1;

    private bool _inOwnRoom;

    internal RoomMembership(RoomIndex<TMember> owner, TMember member, object gate, string? ownRoom)
    {
        Owner = owner;
        Member = member;
        Gate = gate;
        OwnRoom = ownRoom;
    }

    /// <summary>The member this record belongs to.</summary>
    public TMember Member { get; }

    /// <summary>Number of rooms the member is in (its own room included).</summary>
    public int RoomCount => Volatile.Read(ref _roomCount) + (InOwnRoom ? 1 : 0);

    /// <summary>
    /// The name of the member's own room (a socket's id room), or null. That room is not materialized: the member is
    /// in it while <see cref="InOwnRoom"/> is set, and its index finds the member by the name (see
    /// <see cref="RoomIndex{TMember}"/>). Other members joining a room of that name go to an ordinary room.
    /// </summary>
    internal string? OwnRoom { get; }

    /// <summary>True while the member is in its <see cref="OwnRoom"/>; changed with <see cref="Gate"/> held.</summary>
    internal bool InOwnRoom
    {
        get => Volatile.Read(ref _inOwnRoom);
        set => Volatile.Write(ref _inOwnRoom, value);
    }

    internal RoomIndex<TMember> Owner { get; }

    /// <summary>Serializes the joins and leaves of this member; always taken before any room's lock.</summary>
    internal object Gate { get; }

    /// <summary>The member's materialized rooms (not its own room); call with <see cref="Gate"/> held.</summary>
    internal ReadOnlySpan<Room<TMember>> Rooms => _rooms.AsSpan(0, _roomCount);

    /// <summary>Position of a room in <see cref="Rooms"/>, or -1; call with <see cref="Gate"/> held.</summary>
    internal int IndexOf(Room<TMember> room)
    {
        if (_positionOf is not null)
            return _positionOf.TryGetValue(room, out var position) ? position : -1;
        return Array.IndexOf(_rooms, room, 0, _roomCount);
    }

    /// <summary>Adds a room; call with <see cref="Gate"/> held.</summary>
    internal void AddRoom(Room<TMember> room)
    {
        if (_roomCount == _rooms.Length)
            Array.Resize(ref _rooms, Math.Max(2, _rooms.Length * 2));
        _rooms[_roomCount] = room;
        _positionOf?.Add(room, _roomCount);
        Volatile.Write(ref _roomCount, _roomCount + 1);
        if (_positionOf is null && _roomCount > IndexedRoomCount)
        {
            _positionOf = new Dictionary<Room<TMember>, int>(_rooms.Length);
            for (var i = 0; i < _roomCount; i++)
                _positionOf.Add(_rooms[i], i);
        }
    }

    /// <summary>Removes the room at a position by moving the last one into it; call with <see cref="Gate"/> held.</summary>
    internal void RemoveRoomAt(int position)
    {
        var last = _roomCount - 1;
        var removed = _rooms[position];
        if (position != last)
        {
            _rooms[position] = _rooms[last];
            if (_positionOf is not null)
                _positionOf[_rooms[position]] = position;
        }

        _rooms[last] = null!;
        _positionOf?.Remove(removed);
        Volatile.Write(ref _roomCount, last);
    }

    /// <summary>Forgets every room, its own included (after leaving them all); call with <see cref="Gate"/> held.</summary>
    internal void ClearRooms()
    {
        Array.Clear(_rooms, 0, _roomCount);
        _positionOf = null;
        Volatile.Write(ref _roomCount, 0);
        InOwnRoom = false;
    }
}
