using System.Runtime.CompilerServices;

namespace SocketIo.Engine.SocketIO.Rooms;

/// <summary>
/// One "seen in this broadcast" stamp per broadcast lane, stored in the member's own record so that unions and
/// exclusions need no per-broadcast hash set: a member is skipped when its stamp for the broadcast's lane equals
/// the broadcast's stamp.
/// </summary>
[InlineArray(BroadcastLanes.MaxLanes)]
internal struct BroadcastMarks
{
    private long _lane0;
}
