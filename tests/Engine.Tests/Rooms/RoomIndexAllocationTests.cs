using SocketIo.Engine.SocketIO.Rooms;

namespace SocketIo.Engine.Tests.Rooms;

public sealed class RoomIndexAllocationTests
{
    private const int RoomSize = 10_000;

    [Fact]
    public void Warm_broadcasts_to_a_10000_member_room_allocate_nothing()
    {
        var index = new RoomIndex<TestMember>();
        var members = new RoomMembership<TestMember>[RoomSize];
        for (var i = 0; i < RoomSize; i++)
        {
            members[i] = index.CreateMembership(new TestMember(i));
            index.Join(members[i], members[i].Member.IdRoom, "big", i % 2 == 0 ? "even" : "odd");
            if (i % 10 == 0)
                index.Join(members[i], "tenth");
        }

        var counts = new int[RoomSize];
        string[] all = [], big = ["big"], sender = ["#7"], evenOdd = ["even", "odd"], tenth = ["tenth"];
        for (var warm = 0; warm < 3; warm++)
            Broadcast();

        var before = GC.GetAllocatedBytesForCurrentThread();
        var visited = Broadcast();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.Equal(RoomSize + RoomSize + (RoomSize - 1) + RoomSize + (RoomSize - 1000), visited);

        int Broadcast()
        {
            var counter = new VisitCounter(counts);
            index.ForEachRecipient(all, all, ref counter);
            index.ForEachRecipient(big, all, ref counter);
            index.ForEachRecipient(big, sender, ref counter);
            index.ForEachRecipient(evenOdd, all, ref counter);
            index.ForEachRecipient(all, tenth, ref counter);
            return counter.Total;
        }
    }

    [Fact]
    public void Join_and_leave_of_an_existing_room_allocate_nothing()
    {
        var index = new RoomIndex<TestMember>();
        var members = new RoomMembership<TestMember>[RoomSize];
        for (var i = 0; i < RoomSize; i++)
        {
            members[i] = index.CreateMembership(new TestMember(i));
            index.Join(members[i], members[i].Member.IdRoom, "big");
        }

        var newcomer = index.CreateMembership(new TestMember(RoomSize));
        var newcomerRoom = newcomer.Member.IdRoom;
        index.Join(newcomer, newcomerRoom);
        for (var warm = 0; warm < 3; warm++)
            Cycle();

        var before = GC.GetAllocatedBytesForCurrentThread();
        Cycle();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.Equal(RoomSize, index.GetRoomSize("big"));

        void Cycle()
        {
            for (var i = 0; i < 100; i++)
            {
                index.Join(newcomer, "big");
                index.Join(members[i], newcomerRoom);
                index.Leave(members[i], "big");
                index.Leave(newcomer, "big");
                index.Join(members[i], "big");
                index.Leave(members[i], newcomerRoom);
            }
        }
    }
}
