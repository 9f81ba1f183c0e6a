using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using SocketIo.Engine.SocketIO.Rooms;

namespace SocketIo.Benchmarks.Rooms;

/// <summary>
/// Broadcasts to a 10,000-member room while a writer thread keeps 1,000 other members joining and leaving it
/// (Churn = true) or not (false, the baseline). Each broadcast checks its own result: every stable member
/// exactly once, nobody twice; a violation throws and fails the run. Time is per stable recipient. The writer's
/// join/leave rate is printed at cleanup. The writer stops at cleanup or after two minutes, whichever is first.
/// </summary>
[MemoryDiagnoser]
public class RoomConcurrentBroadcastBenchmark
{
    private const int Stable = 10_000;
    private const int Churners = 1_000;
    private static readonly TimeSpan s_writerLimit = TimeSpan.FromMinutes(2);

    private readonly string[] _big = ["big"];
    private readonly string[] _bigExceptSender = ["#3"];
    private readonly string[] _none = [];
    private RoomIndex<BenchMember> _index = null!;
    private Thread? _writer;
    private volatile bool _stop;
    private long _writerOps;
    private long _broadcast;

    [Params(false, true)]
    public bool Churn { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _index = new RoomIndex<BenchMember>();
        var churners = new RoomMembership<BenchMember>[Churners];
        for (var i = 0; i < Stable + Churners; i++)
        {
            var member = _index.CreateMembership(new BenchMember(i));
            _index.Join(member, member.Member.IdRoom);
            if (i < Stable)
                _index.Join(member, "big");
            else
                churners[i - Stable] = member;
        }

        if (Churn)
        {
            _writer = new Thread(() => RunWriter(churners)) { IsBackground = true, Name = "room churn" };
            _writer.Start();
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _stop = true;
        _writer?.Join();
        Console.WriteLine($"// writer join+leave operations: {Volatile.Read(ref _writerOps):N0}");
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Stable)]
    public int OneRoom() => Broadcast(_big, _none, Stable);

    [Benchmark(OperationsPerInvoke = Stable - 1)]
    public int OneRoomExceptSender() => Broadcast(_big, _bigExceptSender, Stable - 1);

    private int Broadcast(string[] rooms, string[] except, int expectedStable)
    {
        var visitor = new CheckingVisitor(++_broadcast);
        _index.ForEachRecipient(rooms, except, ref visitor);
        if (visitor.Duplicates != 0 || visitor.StableVisited != expectedStable)
            throw new InvalidOperationException($"broadcast {_broadcast}: {visitor.StableVisited} stable recipients, {visitor.Duplicates} duplicates");
        return visitor.StableVisited;
    }

    private void RunWriter(RoomMembership<BenchMember>[] churners)
    {
        var clock = Stopwatch.StartNew();
        var random = new Random(42);
        while (!_stop && clock.Elapsed < s_writerLimit)
        {
            for (var n = 0; n < 1000; n++)
            {
                var member = churners[random.Next(churners.Length)];
                if (!_index.Join(member, "big"))
                    _index.Leave(member, "big");
            }

            Interlocked.Add(ref _writerOps, 1000);
        }
    }

    private struct CheckingVisitor(long broadcast) : IRoomVisitor<BenchMember>
    {
        public int StableVisited;
        public int Duplicates;

        public void Visit(BenchMember member)
        {
            if (member.LastBroadcast == broadcast)
                Duplicates++;
            member.LastBroadcast = broadcast;
            if (member.Id < Stable)
                StableVisited++;
        }
    }
}
