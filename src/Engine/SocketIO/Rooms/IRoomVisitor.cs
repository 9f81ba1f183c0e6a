namespace SocketIo.Engine.SocketIO.Rooms;

/// <summary>
/// Receives each recipient of a broadcast once. Implement it on a struct and pass it by reference to
/// <see cref="RoomIndex{TMember}.ForEachRecipient{TVisitor}"/> so the JIT specializes and inlines the call.
/// </summary>
/// <typeparam name="TMember">The member type stored in the index (the namespace socket).</typeparam>
internal interface IRoomVisitor<in TMember>
    where TMember : class
{
    /// <summary>Called once per recipient, on the broadcasting thread, without any lock held.</summary>
    void Visit(TMember member);
}
