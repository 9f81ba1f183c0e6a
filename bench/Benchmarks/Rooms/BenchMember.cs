using SocketIo.Engine.SocketIO.Rooms;

namespace SocketIo.Benchmarks.Rooms;

/// <summary>Stands in for the namespace socket.</summary>
public sealed class BenchMember(int id)
{
    public int Id { get; } = id;

    public string IdRoom { get; } = "#" + id;

    /// <summary>Number of the last broadcast that reached this member (duplicate check).</summary>
    public long LastBroadcast;
}

/// <summary>Touches each recipient the way a send would (one field read), nothing more.</summary>
internal struct SumVisitor : IRoomVisitor<BenchMember>
{
    public long Sum;

    public void Visit(BenchMember member) => Sum += member.Id;
}
