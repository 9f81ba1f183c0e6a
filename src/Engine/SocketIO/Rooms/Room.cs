using System.Diagnostics;

namespace SocketIo.Engine.SocketIO.Rooms;

/// <summary>
/// The members of one room: an array of slots that readers walk without locking (see
/// <see cref="MemberSlots{TMember}"/>), and writer bookkeeping guarded by a per-room lock.
/// </summary>
/// <remarks>
/// Joins fill a free slot or append, so they are O(1) amortized whatever the room size: the array doubles
/// when full and is compacted into half its size once no more than a quarter of it is in use. Small rooms
/// find slots by scanning; larger ones keep a member-to-slot map and a free-slot stack so leaves stay O(1). The
/// permanent room of every member (one per index, as large as the namespace) keeps each member's slot in the
/// member's own record instead of a map: 4 bytes per member instead of a map entry (issue 7).
/// </remarks>
internal sealed class Room<TMember>
    where TMember : class
{
    /// <summary>Capacity up to which slots are found by a linear scan instead of a map.</summary>
    internal const int SmallCapacity = 16;

    private readonly Lock _gate = new();
    private readonly bool _permanent;
    private MemberSlots<TMember> _slots = new(1);
    private long _version;
    private int _size;
    private Dictionary<RoomMembership<TMember>, int>? _slotOf;
    private int[]? _freeSlots;
    private int _freeCount;
    private bool _isRemoved;

    public Room(string name, bool permanent = false)
    {
        Name = name;
        _permanent = permanent;
    }

    public string Name { get; }

    /// <summary>Current number of members.</summary>
    public int Size => Volatile.Read(ref _size);

    /// <summary>Capacity of the published slot array (for tests of growth and compaction).</summary>
    internal int Capacity => Volatile.Read(ref _slots).Capacity;

    /// <summary>
    /// The slots a reader walks, without locking: the published array up to its count, and the version of the
    /// latest join, so the reader skips slots whose version is newer (see <see cref="MemberSlots{TMember}"/>).
    /// Read each slot's record with a volatile read before its version.
    /// </summary>
    internal Span<MemberSlots<TMember>.Slot> Snapshot(out long version)
    {
        // Slots, then version, then count: a member seen in two slots of one array would need its rejoin's
        // version to be visible, and that version is published after the leave cleared the first slot.
        var slots = Volatile.Read(ref _slots);
        version = Volatile.Read(ref _version);
        return slots.Items.AsSpan(0, Volatile.Read(ref slots.Count));
    }

    /// <summary>Adds a member that is not in the room yet. Returns false if the room was removed (it emptied).</summary>
    public bool TryAdd(RoomMembership<TMember> member)
    {
        lock (_gate)
        {
            if (_isRemoved)
                return false;
            Add(member);
            return true;
        }
    }

    /// <summary>
    /// Removes a member. Returns true if this left the room empty, in which case the room is now removed
    /// (unless permanent) and every later <see cref="TryAdd"/> fails.
    /// </summary>
    public bool Remove(RoomMembership<TMember> member)
    {
        lock (_gate)
        {
            var slots = _slots;
            var slot = FindSlot(slots, member);
            Debug.Assert(slot >= 0, "the member's room list and the room disagree");
            if (slot < 0)
                return false;
            Volatile.Write(ref slots.Items[slot].Record, null);
            var size = _size - 1;
            Volatile.Write(ref _size, size);
            if (size == 0 && !_permanent)
            {
                _isRemoved = true;
                return true;
            }

            if (_freeSlots is not null)
            {
                _freeSlots[_freeCount++] = slot;
                if (size <= slots.Capacity / 4)
                    Compact(slots, slots.Capacity / 2);
            }

            return false;
        }
    }

    private void Add(RoomMembership<TMember> member)
    {
        var slots = _slots;
        var slot = TakeFreeSlot(slots);
        var append = slot < 0;
        if (append)
        {
            if (slots.Count == slots.Capacity)
                slots = Grow(slots);
            slot = slots.Count;
        }

        var version = _version + 1;
        slots.Items[slot].Version = version;
        Volatile.Write(ref slots.Items[slot].Record, member);
        if (append)
            Volatile.Write(ref slots.Count, slot + 1);
        SetSlot(member, slot);
        Volatile.Write(ref _size, _size + 1);
        Volatile.Write(ref _version, version);
    }

    private int TakeFreeSlot(MemberSlots<TMember> slots)
    {
        if (_freeSlots is not null)
            return _freeCount > 0 ? _freeSlots[--_freeCount] : -1;
        return IndexOfReference(slots, null);
    }

    private int FindSlot(MemberSlots<TMember> slots, RoomMembership<TMember> member)
    {
        if (_permanent)
        {
            var own = member.PermanentSlot;
            member.PermanentSlot = -1;
            return own >= 0 && own < slots.Count && ReferenceEquals(slots.Items[own].Record, member) ? own : -1;
        }

        if (_slotOf is not null)
            return _slotOf.Remove(member, out var slot) ? slot : -1;
        return IndexOfReference(slots, member);
    }

    /// <summary>Records where <paramref name="member"/> sits (in the map of a large room, or in the member for the permanent room).</summary>
    private void SetSlot(RoomMembership<TMember> member, int slot)
    {
        if (_permanent)
            member.PermanentSlot = slot;
        else
            _slotOf?.Add(member, slot);
    }

    private static int IndexOfReference(MemberSlots<TMember> slots, RoomMembership<TMember>? record)
    {
        var items = slots.Items.AsSpan(0, slots.Count);
        for (var i = 0; i < items.Length; i++)
        {
            if (ReferenceEquals(items[i].Record, record))
                return i;
        }

        return -1;
    }

    private MemberSlots<TMember> Grow(MemberSlots<TMember> slots)
    {
        var count = slots.Count;
        var grown = new MemberSlots<TMember>(slots.Capacity * 2) { Count = count };
        slots.Items.AsSpan(0, count).CopyTo(grown.Items);
        if (grown.Capacity > SmallCapacity)
        {
            // Growth happens only when every slot is taken, so the free stack is empty here.
            Debug.Assert(_freeCount == 0, "grew with free slots left");
            if (_slotOf is null && !_permanent)
            {
                _slotOf = new Dictionary<RoomMembership<TMember>, int>(grown.Capacity);
                for (var i = 0; i < count; i++)
                    _slotOf.Add(slots.Items[i].Record!, i);
            }

            _freeSlots = new int[grown.Capacity];
        }

        Volatile.Write(ref _slots, grown);
        return grown;
    }

    private void Compact(MemberSlots<TMember> slots, int capacity)
    {
        var packed = new MemberSlots<TMember>(capacity);
        var large = capacity > SmallCapacity;
        _slotOf = large && !_permanent ? new Dictionary<RoomMembership<TMember>, int>(capacity) : null;
        _freeSlots = large ? new int[capacity] : null;
        _freeCount = 0;
        var count = 0;
        for (var i = 0; i < slots.Count; i++)
        {
            var slot = slots.Items[i];
            if (slot.Record is null)
                continue;
            packed.Items[count] = slot;
            SetSlot(slot.Record, count);
            count++;
        }

        packed.Count = count;
        Volatile.Write(ref _slots, packed);
    }
}
