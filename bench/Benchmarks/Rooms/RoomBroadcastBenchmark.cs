using BenchmarkDotNet.Attributes;
using SocketIo.Engine.SocketIO.Rooms;

namespace SocketIo.Benchmarks.Rooms;

/// <summary>
/// Broadcast enumeration over a 10,000-member room, in time per recipient (OperationsPerInvoke = recipients).
/// Baseline: a plain loop over an array of the same members doing the same work per member. The "_HashSet"
/// cases run the same broadcast on an index with no lanes, i.e. with the pooled hash-set fallback.
/// </summary>
[MemoryDiagnoser]
public class RoomBroadcastBenchmark
{
    private const int Size = 10_000;

    private readonly string[] _none = [];
    private readonly string[] _big = ["big"];
    private readonly string[] _bigAndHalf = ["big", "half"];
    private readonly string[] _sender = ["#7"];
    private readonly string[] _except1000 = ["tenth"];
    private readonly string[] _except5000 = ["half"];
    private BenchMember[] _array = [];
    private RoomIndex<BenchMember> _index = null!;
    private RoomIndex<BenchMember> _setIndex = null!;

    [GlobalSetup]
    public void Setup()
    {
        _array = new BenchMember[Size];
        _index = new RoomIndex<BenchMember>();
        _setIndex = new RoomIndex<BenchMember>(broadcastLanes: 0);
        for (var i = 0; i < Size; i++)
            _array[i] = new BenchMember(i);
        Fill(_index);
        Fill(_setIndex);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Size)]
    public long ForeachArray()
    {
        var visitor = new SumVisitor();
        foreach (var member in _array)
            visitor.Visit(member);
        return visitor.Sum;
    }

    [Benchmark(OperationsPerInvoke = Size)]
    public long OneRoom() => Run(_index, _big, _none);

    [Benchmark(OperationsPerInvoke = Size)]
    public long AllMembers() => Run(_index, _none, _none);

    [Benchmark(OperationsPerInvoke = Size - 1)]
    public long OneRoomExceptSender() => Run(_index, _big, _sender);

    [Benchmark(OperationsPerInvoke = Size)]
    public long UnionOverlapping() => Run(_index, _bigAndHalf, _none);

    [Benchmark(OperationsPerInvoke = Size)]
    public long UnionOverlapping_HashSet() => Run(_setIndex, _bigAndHalf, _none);

    [Benchmark(OperationsPerInvoke = Size - 1000)]
    public long Except1000() => Run(_index, _big, _except1000);

    [Benchmark(OperationsPerInvoke = Size - 1000)]
    public long Except1000_HashSet() => Run(_setIndex, _big, _except1000);

    [Benchmark(OperationsPerInvoke = Size - 5000)]
    public long Except5000() => Run(_index, _big, _except5000);

    [Benchmark(OperationsPerInvoke = Size - 5000)]
    public long Except5000_HashSet() => Run(_setIndex, _big, _except5000);

    private static long Run(RoomIndex<BenchMember> index, string[] rooms, string[] except)
    {
        var visitor = new SumVisitor();
        index.ForEachRecipient(rooms, except, ref visitor);
        return visitor.Sum;
    }

    private void Fill(RoomIndex<BenchMember> index)
    {
        foreach (var member in _array)
        {
            var membership = index.CreateMembership(member);
            index.Join(membership, member.IdRoom, "big");
            if (member.Id % 2 == 0)
                index.Join(membership, "half");
            if (member.Id % 10 == 0)
                index.Join(membership, "tenth");
        }
    }
}
