using SocketIo.Engine.SocketIO.Rooms;

namespace SocketIo.Engine.Tests.Rooms;

/// <summary>
/// Writers churn rooms while readers broadcast. Stable members never move during the test, so every broadcast
/// must visit each of them exactly as the room layout says; churning members may be visited at most once.
/// Loops are bounded by counts only; nothing depends on timing.
/// </summary>
public sealed class RoomIndexConcurrencyTests
{
    private const int Stable = 64;
    private const int Churners = 400;
    private const int BroadcastsPerReader = 800;
    private const int MaxWriterRounds = 200_000;
    private const int ReaderCount = 2;

    [Theory]
    [InlineData(BroadcastLanes.MaxLanes)]
    [InlineData(1)]
    [InlineData(0)]
    public void Broadcasts_during_churn_visit_stable_members_exactly_once(int lanes)
    {
        var index = new RoomIndex<TestMember>(lanes);
        var members = Enumerable.Range(0, Stable + Churners).Select(i => index.CreateMembership(new TestMember(i))).ToArray();

        // Stable layout: all in "a"; even ones also in "b"; every eighth also in the except room "x".
        for (var i = 0; i < Stable; i++)
        {
            index.Join(members[i], members[i].Member.IdRoom, "a");
            if (i % 2 == 0)
                index.Join(members[i], "b");
            if (i % 8 == 0)
                index.Join(members[i], "x");
        }

        var kinds = new (string[] Rooms, string[] Except, Func<int, bool> Expected)[]
        {
            (["a"], [], _ => true),
            ([], [], _ => true),
            (["a", "b"], [], _ => true),
            (["b"], ["x"], i => i % 2 == 0 && i % 8 != 0),
            (["a"], ["#3"], i => i != 3),
            ([], ["x"], i => i % 8 != 0),
            (["b", "a", "b"], ["x", "#5"], i => i % 8 != 0 && i != 5),
        };

        var readersDone = 0;
        var failures = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var writers = Enumerable.Range(0, 2).Select(w => new Thread(() => Churn(w))).ToArray();
        var readers = Enumerable.Range(0, ReaderCount).Select(r => new Thread(() => Read(r))).ToArray();
        foreach (var thread in writers.Concat(readers))
            thread.Start();
        foreach (var thread in readers.Concat(writers))
            thread.Join();

        Assert.Empty(failures);
        foreach (var churner in members.Skip(Stable))
            index.LeaveAll(churner);
        Assert.Equal(Stable, index.GetRoomSize("a"));
        Assert.Equal(Stable, index.MemberCount);
        Assert.Equal(Stable + 3, index.RoomCount);

        void Churn(int writer)
        {
            var random = new Random(writer);
            var own = Enumerable.Range(Stable + writer * (Churners / 2), Churners / 2).Select(i => members[i]).ToArray();
            for (var round = 0; round < MaxWriterRounds && Volatile.Read(ref readersDone) < ReaderCount; round++)
            {
                if (round % 50 == 0)
                {
                    // Mass join then mass leave: the room grows past its capacity and compacts back.
                    foreach (var m in own)
                        index.Join(m, "a", "b");
                    foreach (var m in own)
                        index.LeaveAll(m);
                    continue;
                }

                var member = own[random.Next(own.Length)];
                switch (random.Next(5))
                {
                    case 0:
                        index.Join(member, "a");
                        break;
                    case 1:
                        // Leave and come straight back: the case that could show a member twice.
                        index.Leave(member, "a");
                        index.Join(member, "a");
                        break;
                    case 2:
                        index.Join(member, "x", "b");
                        break;
                    case 3:
                        // Two leave, then rejoin in the same order: the free-slot stack hands them each other's
                        // slot, so a reader between the two slots could meet the first one twice.
                        var other = own[random.Next(own.Length)];
                        index.Leave(member, "a");
                        index.Leave(other, "a");
                        index.Join(member, "a");
                        index.Join(other, "a");
                        break;
                    default:
                        index.LeaveAll(member);
                        break;
                }
            }
        }

        void Read(int reader)
        {
            var counts = new int[members.Length];
            for (var n = 0; n < BroadcastsPerReader; n++)
            {
                var (rooms, except, expected) = kinds[(n + reader) % kinds.Length];
                Array.Clear(counts);
                var counter = new SlowCounter(counts);
                var visited = index.ForEachRecipient(rooms, except, ref counter);
                if (visited != counter.Total)
                    failures.Enqueue($"returned {visited}, visited {counter.Total}");
                for (var i = 0; i < counts.Length; i++)
                {
                    var want = i < Stable ? (expected(i) ? 1 : 0) : -1;
                    if (want >= 0 ? counts[i] != want : counts[i] > 1)
                        failures.Enqueue($"[{string.Join(',', rooms)}] except [{string.Join(',', except)}]: member {i} visited {counts[i]} times");
                }
            }

            Interlocked.Increment(ref readersDone);
        }
    }

    /// <summary>Spins a little per member so that writers get to act in the middle of a broadcast.</summary>
    private struct SlowCounter(int[] counts) : IRoomVisitor<TestMember>
    {
        public int Total;

        public void Visit(TestMember member)
        {
            Thread.SpinWait(20);
            counts[member.Id]++;
            Total++;
        }
    }

    [Fact]
    public void Concurrent_writers_on_shared_members_leave_a_consistent_index()
    {
        var index = new RoomIndex<TestMember>();
        var members = Enumerable.Range(0, 50).Select(i => index.CreateMembership(new TestMember(i))).ToArray();
        var names = Enumerable.Range(0, 30).Select(i => "r" + i).ToArray();
        var threads = Enumerable.Range(0, 3).Select(t => new Thread(() =>
        {
            var random = new Random(100 + t);
            for (var step = 0; step < 30_000; step++)
            {
                var member = members[random.Next(members.Length)];
                var room = names[random.Next(names.Length)];
                switch (random.Next(7))
                {
                    case < 3: index.Join(member, room); break;
                    case < 6: index.Leave(member, room); break;
                    default: index.LeaveAll(member); break;
                }
            }
        })).ToArray();
        foreach (var thread in threads)
            thread.Start();
        foreach (var thread in threads)
            thread.Join();

        var byRoom = names.ToDictionary(n => n, n => index.GetMembers(n).Select(m => m.Id).ToHashSet());
        foreach (var member in members)
        {
            var rooms = index.GetRooms(member);
            Assert.Equal(names.Where(n => byRoom[n].Contains(member.Member.Id)).Order(), rooms.Order());
        }

        Assert.Equal(byRoom.Count(p => p.Value.Count > 0), index.RoomCount);
        Assert.Equal(members.Count(m => m.RoomCount > 0), index.MemberCount);
        Assert.Equal(members.Where(m => m.RoomCount > 0).Select(m => m.Member.Id).Order(), index.Recipients([], []));
    }
}
