using SocketIo.Engine.SocketIO.Rooms;
using SocketIo.Engine.Tests.Rooms;

namespace SocketIo.Engine.Tests.SocketIO;

/// <summary>
/// Own rooms (a socket's id room kept as a flag on its record, not as a room object): random joins, leaves and
/// broadcasts checked against a plain dictionary-of-sets model in which an own room is an ordinary room. Other
/// members also join the own room names, so the mixed case (own member plus ordinary members) is covered.
/// </summary>
public sealed class OwnRoomIndexTests
{
    private const int MemberCount = 24;

    [Theory]
    [InlineData(1, BroadcastLanes.MaxLanes)]
    [InlineData(2, BroadcastLanes.MaxLanes)]
    [InlineData(3, 0)]
    [InlineData(4, 0)]
    public void Random_operations_with_own_rooms_match_the_model(int seed, int lanes)
    {
        var random = new Random(seed);
        var byName = new Dictionary<string, RoomMembership<TestMember>>();
        var index = new RoomIndex<TestMember>(name => byName.GetValueOrDefault(name), lanes);
        var members = Enumerable.Range(0, MemberCount).Select(i => new TestMember(i)).Select(m => index.CreateMembership(m, ownRoom: m.IdRoom)).ToArray();
        foreach (var member in members)
            byName[member.OwnRoom!] = member;
        var model = new RoomModel();
        var names = new[] { "a", "b", "c", "d" }.Concat(members.Select(m => m.OwnRoom!)).ToArray();

        for (var step = 0; step < 3000; step++)
        {
            var who = random.Next(MemberCount);
            // Half of the joins and leaves are of the member's own room.
            var room = random.Next(2) == 0 ? members[who].OwnRoom! : names[random.Next(names.Length)];
            switch (random.Next(10))
            {
                case < 5:
                    Assert.Equal(model.Join(who, room), index.Join(members[who], room));
                    break;
                case < 9:
                    Assert.Equal(model.Leave(who, room), index.Leave(members[who], room));
                    break;
                default:
                    Assert.Equal(model.LeaveAll(who).Length, index.LeaveAll(members[who]));
                    break;
            }

            Assert.Equal(model.MemberCount, index.MemberCount);
            if (step % 5 == 0)
                model.CheckBroadcast(random, index, names, maxExcept: random.Next(4) == 0 ? 12 : 3);
            if (step % 100 == 0)
                CheckOwnRooms(index, members, model, names);
        }
    }

    [Fact]
    public void An_own_room_needs_an_owner_lookup()
    {
        var index = new RoomIndex<TestMember>();
        Assert.Throws<ArgumentException>(() => index.CreateMembership(new TestMember(1), ownRoom: "#1"));
    }

    [Fact]
    public void Many_except_rooms_that_are_own_rooms_use_the_marks()
    {
        var byName = new Dictionary<string, RoomMembership<TestMember>>();
        var index = new RoomIndex<TestMember>(name => byName.GetValueOrDefault(name));
        var members = Enumerable.Range(0, 20).Select(i => new TestMember(i)).Select(m => index.CreateMembership(m, ownRoom: m.IdRoom)).ToArray();
        foreach (var member in members)
        {
            byName[member.OwnRoom!] = member;
            index.Join(member, member.OwnRoom!);
            index.Join(member, "all");
        }

        // More excluded members than FewExcluded holds: the lane (mark) path.
        var except = members.Take(FewExcluded<TestMember>.Capacity + 2).Select(m => m.OwnRoom!).ToArray();
        Assert.Equal(Enumerable.Range(FewExcluded<TestMember>.Capacity + 2, 20 - FewExcluded<TestMember>.Capacity - 2), index.Recipients(["all"], except));
        Assert.Equal(Enumerable.Range(FewExcluded<TestMember>.Capacity + 2, 20 - FewExcluded<TestMember>.Capacity - 2), index.Recipients([], except));
        Assert.Equal([0, 1], index.Recipients([members[0].OwnRoom!, members[1].OwnRoom!, members[0].OwnRoom!], []));
        Assert.Null(index.FindRoom(members[0].OwnRoom!));
    }

    /// <summary>The model's snapshot checks, and each member's own room listed first when it is in it.</summary>
    private static void CheckOwnRooms(RoomIndex<TestMember> index, RoomMembership<TestMember>[] members, RoomModel model, string[] names)
    {
        model.CheckSnapshots(index, members, names);
        foreach (var member in members)
        {
            var inOwnRoom = model.RoomsOf(member.Member.Id).Contains(member.OwnRoom!);
            Assert.Equal(inOwnRoom, index.IsInRoom(member, member.OwnRoom!));
            if (member.InOwnRoom)
                Assert.Equal(member.OwnRoom, index.GetRooms(member)[0]);
        }
    }
}
