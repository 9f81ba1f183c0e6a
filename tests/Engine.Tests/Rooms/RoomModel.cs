using SocketIo.Engine.SocketIO.Rooms;

namespace SocketIo.Engine.Tests.Rooms;

/// <summary>The oracle of the random room tests: a plain dictionary of member-id sets, and the checks of an index against it.</summary>
internal sealed class RoomModel
{
    public Dictionary<string, HashSet<int>> Rooms { get; } = [];

    public int MemberCount => Rooms.Values.SelectMany(s => s).Distinct().Count();

    public bool Join(int who, string room)
    {
        if (!Rooms.TryGetValue(room, out var set))
            Rooms[room] = set = [];
        return set.Add(who);
    }

    public bool Leave(int who, string room)
    {
        if (!Rooms.TryGetValue(room, out var set) || !set.Remove(who))
            return false;
        if (set.Count == 0)
            Rooms.Remove(room);
        return true;
    }

    /// <summary>Removes <paramref name="who"/> from every room; returns the rooms it was in.</summary>
    public string[] LeaveAll(int who)
    {
        var rooms = RoomsOf(who);
        foreach (var room in rooms)
            Leave(who, room);
        return rooms;
    }

    public string[] RoomsOf(int who) => Rooms.Where(p => p.Value.Contains(who)).Select(p => p.Key).ToArray();

    /// <summary>A random broadcast (up to 3 target rooms, up to <paramref name="maxExcept"/> - 1 excepted) compared with the model.</summary>
    public void CheckBroadcast(Random random, RoomIndex<TestMember> index, string[] names, int maxExcept)
    {
        var targets = Enumerable.Range(0, random.Next(4)).Select(_ => names[random.Next(names.Length)]).ToArray();
        var except = Enumerable.Range(0, random.Next(maxExcept)).Select(_ => names[random.Next(names.Length)]).ToArray();
        var pool = targets.Length == 0 ? Rooms.Values.SelectMany(s => s) : targets.SelectMany(r => Rooms.GetValueOrDefault(r) ?? []);
        var excluded = except.SelectMany(r => Rooms.GetValueOrDefault(r) ?? []).ToHashSet();
        var expected = pool.Where(id => !excluded.Contains(id)).Distinct().Order();
        // Recipients lists every visit, so a member visited twice fails the comparison.
        Assert.Equal(expected, index.Recipients(targets, except));
    }

    /// <summary>Room names, members, sizes and each member's rooms compared with the model.</summary>
    public void CheckSnapshots(RoomIndex<TestMember> index, RoomMembership<TestMember>[] members, string[] names)
    {
        Assert.Equal(Rooms.Keys.Order(), index.GetRoomNames().Order());
        foreach (var name in names)
        {
            var expected = Rooms.GetValueOrDefault(name) ?? [];
            Assert.Equal(expected.Order(), index.GetMembers(name).Select(m => m.Id).Order());
            Assert.Equal(expected.Count, index.GetRoomSize(name));
            Assert.Equal(expected.Count > 0, index.RoomExists(name));
        }

        foreach (var member in members)
        {
            var expected = RoomsOf(member.Member.Id);
            Assert.Equal(expected.Order(), index.GetRooms(member).Order());
            Assert.Equal(expected.Length, member.RoomCount);
        }
    }
}
