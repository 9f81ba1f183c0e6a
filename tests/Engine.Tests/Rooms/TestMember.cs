using SocketIo.Engine.SocketIO.Rooms;

namespace SocketIo.Engine.Tests.Rooms;

/// <summary>A stand-in for the namespace socket: an id and its own room.</summary>
internal sealed class TestMember(int id)
{
    public int Id { get; } = id;

    public string IdRoom => "#" + Id;

    public override string ToString() => IdRoom;
}

/// <summary>Collects visited member ids in order.</summary>
internal struct IdCollector() : IRoomVisitor<TestMember>
{
    public List<int> Ids { get; } = [];

    public readonly void Visit(TestMember member) => Ids.Add(member.Id);
}

/// <summary>Counts visits per member id into a caller-owned array (no allocation).</summary>
internal struct VisitCounter(int[] counts) : IRoomVisitor<TestMember>
{
    public int Total;

    public void Visit(TestMember member)
    {
        counts[member.Id]++;
        Total++;
    }
}

internal static class RoomTestExtensions
{
    public static int[] Recipients(this RoomIndex<TestMember> index, string[] rooms, string[] except)
    {
        var collector = new IdCollector();
        var visited = index.ForEachRecipient(rooms, except, ref collector);
        Assert.Equal(collector.Ids.Count, visited);
        var ids = collector.Ids.ToArray();
        Array.Sort(ids);
        return ids;
    }
}
