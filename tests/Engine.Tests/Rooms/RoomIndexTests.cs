using SocketIo.Engine.SocketIO.Rooms;

namespace SocketIo.Engine.Tests.Rooms;

public sealed class RoomIndexTests
{
    private static (RoomIndex<TestMember> Index, RoomMembership<TestMember>[] Members) Create(int count, int lanes = BroadcastLanes.MaxLanes)
    {
        var index = new RoomIndex<TestMember>(lanes);
        var members = new RoomMembership<TestMember>[count];
        for (var i = 0; i < count; i++)
        {
            members[i] = index.CreateMembership(new TestMember(i));
            index.Join(members[i], members[i].Member.IdRoom);
        }

        return (index, members);
    }

    [Fact]
    public void Join_creates_room_once_and_counts_members()
    {
        var (index, m) = Create(2);
        Assert.Equal(2, index.RoomCount);
        Assert.Equal(2, index.MemberCount);

        Assert.True(index.Join(m[0], "lobby"));
        Assert.False(index.Join(m[0], "lobby"));
        Assert.True(index.Join(m[1], "lobby"));

        Assert.Equal(3, index.RoomCount);
        Assert.Equal(2, index.MemberCount);
        Assert.Equal(2, index.GetRoomSize("lobby"));
        Assert.True(index.RoomExists("lobby"));
        Assert.True(index.IsInRoom(m[0], "lobby"));
        Assert.Equal(["#0", "lobby"], index.GetRooms(m[0]).Order());
        Assert.Equal([0, 1], index.GetMembers("lobby").Select(x => x.Id).Order());
    }

    [Fact]
    public void Join_many_counts_only_new_rooms()
    {
        var (index, m) = Create(1);
        Assert.Equal(2, index.Join(m[0], "a", "b", "#0", "a"));
        Assert.Equal(["#0", "a", "b"], index.GetRooms(m[0]).Order());
    }

    [Fact]
    public void Leave_removes_member_and_deletes_empty_room()
    {
        var (index, m) = Create(2);
        index.Join(m[0], "lobby");
        index.Join(m[1], "lobby");

        Assert.True(index.Leave(m[0], "lobby"));
        Assert.False(index.Leave(m[0], "lobby"));
        Assert.False(index.Leave(m[0], "nowhere"));
        Assert.True(index.RoomExists("lobby"));
        Assert.False(index.IsInRoom(m[0], "lobby"));

        Assert.True(index.Leave(m[1], "lobby"));
        Assert.False(index.RoomExists("lobby"));
        Assert.Equal(0, index.GetRoomSize("lobby"));
        Assert.Empty(index.GetMembers("lobby"));
        Assert.Equal(2, index.RoomCount);

        // A deleted room comes back on the next join.
        Assert.True(index.Join(m[1], "lobby"));
        Assert.Equal([1], index.GetMembers("lobby").Select(x => x.Id));
    }

    [Fact]
    public void Leaving_the_last_room_leaves_the_namespace()
    {
        var (index, m) = Create(2);
        Assert.True(index.Leave(m[0], "#0"));
        Assert.Equal(1, index.MemberCount);
        Assert.Equal([1], index.Recipients([], []));
        Assert.Empty(index.GetRooms(m[0]));
    }

    [Fact]
    public void LeaveAll_leaves_every_room_and_keeps_other_members_rooms()
    {
        var (index, m) = Create(2);
        index.Join(m[0], "a", "b", "c");
        index.Join(m[1], "b");

        Assert.Equal(4, index.LeaveAll(m[0]));
        Assert.Equal(0, index.LeaveAll(m[0]));
        Assert.Empty(index.GetRooms(m[0]));
        Assert.Equal(1, index.MemberCount);
        Assert.Equal(["#1", "b"], index.GetRoomNames().Order());
        Assert.Equal(2, index.RoomCount);
    }

    [Theory]
    [InlineData(BroadcastLanes.MaxLanes)]
    [InlineData(0)]
    public void Broadcast_targets_union_and_except(int lanes)
    {
        var (index, m) = Create(6, lanes);
        index.Join(m[0], "a", "b");
        index.Join(m[1], "a");
        index.Join(m[2], "b", "c");
        index.Join(m[3], "c");
        index.Join(m[4], "x");
        index.Join(m[5], "a", "x");

        Assert.Equal([0, 1, 2, 3, 4, 5], index.Recipients([], []));
        Assert.Equal([0, 1, 5], index.Recipients(["a"], []));
        Assert.Equal([0, 1, 2, 5], index.Recipients(["a", "b"], []));
        Assert.Equal([0, 1, 2, 5], index.Recipients(["a", "b", "a", "nowhere"], []));
        Assert.Equal([1, 5], index.Recipients(["a"], ["#0"]));
        Assert.Equal([0, 1], index.Recipients(["a"], ["x"]));
        Assert.Equal([0, 1, 2], index.Recipients(["a", "b"], ["x"]));
        Assert.Equal([0, 1, 2, 3], index.Recipients([], ["x"]));
        Assert.Equal([2, 3], index.Recipients([], ["a", "x"]));
        Assert.Equal([0, 1, 5], index.Recipients(["a"], ["nowhere"]));
        Assert.Empty(index.Recipients(["a"], ["a"]));
        Assert.Empty(index.Recipients(["nowhere"], []));
        Assert.Empty(index.Recipients(["nowhere"], ["x"]));
        Assert.Empty(index.Recipients(["nowhere", "nowhere either"], []));
    }

    [Theory]
    [InlineData(FewExcluded<TestMember>.Capacity, BroadcastLanes.MaxLanes)]
    [InlineData(FewExcluded<TestMember>.Capacity + 1, BroadcastLanes.MaxLanes)]
    [InlineData(FewExcluded<TestMember>.Capacity + 1, 0)]
    public void Except_gives_the_same_answer_below_and_above_the_few_excluded_limit(int excluded, int lanes)
    {
        var (index, m) = Create(30, lanes);
        foreach (var member in m)
            index.Join(member, "a");
        for (var i = 0; i < excluded; i++)
            index.Join(m[i * 3], i % 2 == 0 ? "e1" : "e2");

        var expected = Enumerable.Range(0, 30).Where(i => i % 3 != 0 || i / 3 >= excluded);
        Assert.Equal(expected, index.Recipients(["a"], ["e1", "e2"]));
        Assert.Equal(expected, index.Recipients([], ["e1", "nowhere", "e2"]));
    }

    [Fact]
    public void Broadcast_from_inside_a_visitor_keeps_both_broadcasts_correct()
    {
        // One lane: the inner broadcast finds it busy and must use the set, sharing nothing with the outer one.
        var (index, m) = Create(4, lanes: 1);
        index.Join(m[0], "a", "b");
        index.Join(m[1], "a");
        index.Join(m[2], "b");

        var nested = new NestedVisitor(index);
        Assert.Equal(3, index.ForEachRecipient(["a", "b"], ["#3"], ref nested));
        Assert.Equal([0, 1, 2], nested.Outer.Order());
        Assert.All(nested.Inner, ids => Assert.Equal([0, 1, 2], ids));
    }

    [Fact]
    public void Large_room_grows_compacts_and_reuses_slots()
    {
        var (index, m) = Create(1000);
        foreach (var member in m)
            index.Join(member, "big");
        var room = index.FindRoom("big")!;
        Assert.Equal(1024, room.Capacity);

        for (var i = 0; i < 990; i++)
            index.Leave(m[i], "big");
        Assert.Equal(10, index.GetRoomSize("big"));
        // Compaction halves the array once at most a quarter is used: 10 members fit in 32 slots, not 1024.
        Assert.Equal(32, room.Capacity);
        Assert.Equal(Enumerable.Range(990, 10), index.Recipients(["big"], []));

        for (var i = 0; i < 500; i += 2)
            index.Join(m[i], "big");
        for (var i = 0; i < 500; i += 4)
            index.Leave(m[i], "big");
        var expected = Enumerable.Range(0, 500).Where(i => i % 4 == 2).Concat(Enumerable.Range(990, 10));
        Assert.Equal(expected, index.Recipients(["big"], []));
        Assert.Equal(expected.Where(i => i != 2), index.Recipients(["big"], ["#2"]));
        Assert.Equal(expected.Count(), index.GetRoomSize("big"));
    }

    [Fact]
    public void Member_in_many_rooms_leaves_any_of_them()
    {
        var (index, m) = Create(2);
        var rooms = Enumerable.Range(0, 40).Select(i => "r" + i).ToArray();
        index.Join(m[0], rooms);
        index.Join(m[1], "r7");
        for (var i = 0; i < 40; i += 3)
            Assert.True(index.Leave(m[0], rooms[i]));
        var left = rooms.Where((_, i) => i % 3 != 0).Append("#0").Order();
        Assert.Equal(left, index.GetRooms(m[0]).Order());
        Assert.All(rooms, r => Assert.Equal(left.Contains(r), index.IsInRoom(m[0], r)));

        Assert.Equal(left.Count(), index.LeaveAll(m[0]));
        Assert.Equal(["#1", "r7"], index.GetRoomNames().Order());
    }

    [Fact]
    public void Membership_of_another_index_is_rejected()
    {
        var index = new RoomIndex<TestMember>();
        var other = new RoomIndex<TestMember>().CreateMembership(new TestMember(0));
        Assert.Throws<ArgumentException>(() => index.Join(other, "a"));
        Assert.Throws<ArgumentException>(() => index.LeaveAll(other));
    }

    private struct NestedVisitor(RoomIndex<TestMember> index) : IRoomVisitor<TestMember>
    {
        public List<int> Outer { get; } = [];

        public List<int[]> Inner { get; } = [];

        public readonly void Visit(TestMember member)
        {
            Outer.Add(member.Id);
            Inner.Add(index.Recipients(["a", "b"], ["#3"]));
        }
    }
}
