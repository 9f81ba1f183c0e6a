namespace SocketIo.Engine.SocketIO.Rooms;

/// <summary>
/// The reader-facing arrays of one room. A room publishes one instance at a time; writers change the
/// published instance in place only by filling a free slot, appending (then raising <see cref="Count"/>) or
/// clearing a slot, and replace it with a new instance when growing or compacting. A replaced instance is never
/// written again, so a reader that still holds it sees a frozen, consistent snapshot.
/// </summary>
/// <remarks>
/// <see cref="Versions"/>[i] is the room version at which <see cref="Records"/>[i] joined. It is written before
/// the record is published (release) and read after the record (acquire), so a reader that sees a record sees
/// its version or a later one; a reader skips versions newer than the room version it read when it started,
/// which is what keeps a member that leaves and rejoins during a broadcast from being visited twice.
/// </remarks>
internal sealed class MemberSlots<TMember>
    where TMember : class
{
    /// <summary>Members by slot; null marks a free slot.</summary>
    public readonly RoomMembership<TMember>?[] Records;

    /// <summary>Join version of the record in the same slot.</summary>
    public readonly long[] Versions;

    /// <summary>Slots in use so far (the high-water mark); read it with a volatile read.</summary>
    public int Count;

    public MemberSlots(int capacity)
    {
        Records = new RoomMembership<TMember>?[capacity];
        Versions = new long[capacity];
    }

    public int Capacity => Records.Length;
}
