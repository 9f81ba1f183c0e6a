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
        var model = new RoomModel();
        var names = Enumerable.Range(0, RoomNames).Select(i => "r" + i).Concat(members.Select(m => m.Member.IdRoom)).ToArray();

        for (var step = 0; step < 4000; step++)
        {
            var who = random.Next(MemberCount);
            var room = names[random.Next(names.Length)];
            switch (random.Next(10))
            {
                case < 5:
                    Assert.Equal(model.Join(who, room), index.Join(members[who], room));
                    break;
                case < 6:
                    var many = Enumerable.Range(0, random.Next(1, 5)).Select(_ => names[random.Next(names.Length)]).ToArray();
                    Assert.Equal(many.Count(r => model.Join(who, r)), index.Join(members[who], many));
                    break;
                case < 9:
                    Assert.Equal(model.Leave(who, room), index.Leave(members[who], room));
                    break;
                default:
                    Assert.Equal(model.LeaveAll(who).Length, index.LeaveAll(members[who]));
                    break;
            }

            Assert.Equal(model.Rooms.Count, index.RoomCount);
            Assert.Equal(model.MemberCount, index.MemberCount);
            if (step % 10 == 0)
                model.CheckBroadcast(random, index, names, maxExcept: 3);
            if (step % 200 == 0)
                model.CheckSnapshots(index, members, names);
        }
    }
}
