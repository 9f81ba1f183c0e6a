namespace SocketIo.Engine.SocketIO.Rooms;

/// <summary>
/// The reader-facing slot array of one room. A room publishes one instance at a time; writers change the
/// published instance in place only by filling a free slot, appending (then raising <see cref="Count"/>) or
/// clearing a slot, and replace it with a new instance when growing or compacting. A replaced instance is never
/// written again, so a reader that still holds it sees a frozen, consistent snapshot.
/// </summary>
/// <remarks>
/// A slot's <see cref="Slot.Version"/> is the room version at which its record joined. It is written before
/// the record is published (release) and read after the record (acquire), so a reader that sees a record sees
/// its version or a later one; a reader skips versions newer than the room version it read when it started,
/// which is what keeps a member that leaves and rejoins during a broadcast from being visited twice. Record and
/// version share a cache line, so a broadcast walks one array.
/// </remarks>
internal sealed class MemberSlots<TMember>
    where TMember : class
{
    /// <summary>The slots; a null record marks a free slot.</summary>
    public readonly Slot[] Items;

    /// <summary>Slots in use so far (the high-water mark); read it with a volatile read.</summary>
    public int Count;

    public MemberSlots(int capacity) => Items = new Slot[capacity];

    public int Capacity => Items.Length;

    /// <summary>One member of the room and the room version at which it joined.</summary>
    internal struct Slot
    {
        public RoomMembership<TMember>? Record;
        public long Version;
    }
}
