using System.Runtime.CompilerServices;

namespace SocketIo.Engine.SocketIO.Rooms;

/// <summary>
/// Up to <see cref="Capacity"/> excluded records kept on the stack. The usual exclusion is the sender's own id
/// room (one member); comparing each recipient with a register-held reference is cheaper than reading a mark
/// from every recipient's record, and needs no lane.
/// </summary>
internal struct FewExcluded<TMember>
    where TMember : class
{
    public const int Capacity = 8;

    private Buffer _records;
    private int _count;

    /// <summary>Adds a record; returns false when full (the caller then uses marks instead).</summary>
    public bool TryAdd(RoomMembership<TMember> record)
    {
        if (_count == Capacity)
            return false;
        _records[_count++] = record;
        return true;
    }

    public readonly bool Contains(RoomMembership<TMember> record)
    {
        for (var i = 0; i < _count; i++)
        {
            if (ReferenceEquals(_records[i], record))
                return true;
        }

        return false;
    }

    [InlineArray(Capacity)]
    private struct Buffer
    {
        private RoomMembership<TMember> _element0;
    }
}
