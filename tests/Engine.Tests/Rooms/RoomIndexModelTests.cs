using SocketIo.Engine.SocketIO.Rooms;

namespace SocketIo.Engine.Tests.Rooms;

/// <summary>Random operations checked against a plain dictionary-of-sets model (fixed seeds).</summary>
public sealed class RoomIndexModelTests
{
    private const int MemberCount = 40;
    private const int RoomNames = 30;

    [Theory]
    [InlineData(1, BroadcastLanes.MaxLanes)]
    [InlineData(2, BroadcastLanes.MaxLanes)]
    [InlineData(3, 0)]
    public void Random_operations_match_the_model(int seed, int lanes)
    {
        var random = new Random(seed);
        var index = new RoomIndex<TestMember>(lanes);
        var members = Enumerable.Range(0, MemberCount).Select(i => index.CreateMembership(new TestMember(i))).ToArray();
        var model = new Dictionary<string, HashSet<int>>();
        var names = Enumerable.Range(0, RoomNames).Select(i => "r" + i).Concat(members.Select(m => m.Member.IdRoom)).ToArray();

        for (var step = 0; step < 4000; step++)
        {
            var who = random.Next(MemberCount);
            var room = names[random.Next(names.Length)];
            switch (random.Next(10))
            {
                case < 5:
                    Assert.Equal(ModelJoin(model, who, room), index.Join(members[who], room));
                    break;
                case < 6:
                    var many = Enumerable.Range(0, random.Next(1, 5)).Select(_ => names[random.Next(names.Length)]).ToArray();
                    Assert.Equal(many.Count(r => ModelJoin(model, who, r)), index.Join(members[who], many));
                    break;
                case < 9:
                    Assert.Equal(ModelLeave(model, who, room), index.Leave(members[who], room));
                    break;
                default:
                    var rooms = model.Where(p => p.Value.Contains(who)).Select(p => p.Key).ToArray();
                    foreach (var r in rooms)
                        ModelLeave(model, who, r);
                    Assert.Equal(rooms.Length, index.LeaveAll(members[who]));
                    break;
            }

            Assert.Equal(model.Count, index.RoomCount);
            Assert.Equal(model.Values.SelectMany(s => s).Distinct().Count(), index.MemberCount);
            if (step % 10 == 0)
                CheckBroadcast(random, index, model, names);
            if (step % 200 == 0)
                CheckSnapshots(index, members, model, names);
        }
    }

    private static void CheckBroadcast(Random random, RoomIndex<TestMember> index, Dictionary<string, HashSet<int>> model, string[] names)
    {
        var targets = Enumerable.Range(0, random.Next(4)).Select(_ => names[random.Next(names.Length)]).ToArray();
        var except = Enumerable.Range(0, random.Next(3)).Select(_ => names[random.Next(names.Length)]).ToArray();
        var pool = targets.Length == 0 ? model.Values.SelectMany(s => s) : targets.SelectMany(r => model.GetValueOrDefault(r) ?? []);
        var excluded = except.SelectMany(r => model.GetValueOrDefault(r) ?? []).ToHashSet();
        var expected = pool.Where(id => !excluded.Contains(id)).Distinct().Order();
        Assert.Equal(expected, index.Recipients(targets, except));
    }

    private static void CheckSnapshots(RoomIndex<TestMember> index, RoomMembership<TestMember>[] members, Dictionary<string, HashSet<int>> model, string[] names)
    {
        Assert.Equal(model.Keys.Order(), index.GetRoomNames().Order());
        foreach (var name in names)
        {
            var expected = model.GetValueOrDefault(name) ?? [];
            Assert.Equal(expected.Order(), index.GetMembers(name).Select(m => m.Id).Order());
            Assert.Equal(expected.Count, index.GetRoomSize(name));
            Assert.Equal(expected.Count > 0, index.RoomExists(name));
        }

        foreach (var member in members)
        {
            var expected = model.Where(p => p.Value.Contains(member.Member.Id)).Select(p => p.Key).Order();
            Assert.Equal(expected, index.GetRooms(member).Order());
            Assert.Equal(expected.Count(), member.RoomCount);
        }
    }

    private static bool ModelJoin(Dictionary<string, HashSet<int>> model, int who, string room)
    {
        if (!model.TryGetValue(room, out var set))
            model[room] = set = [];
        return set.Add(who);
    }

    private static bool ModelLeave(Dictionary<string, HashSet<int>> model, int who, string room)
    {
        if (!model.TryGetValue(room, out var set) || !set.Remove(who))
            return false;
        if (set.Count == 0)
            model.Remove(room);
        return true;
    }
}
