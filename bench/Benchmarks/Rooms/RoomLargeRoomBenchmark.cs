using BenchmarkDotNet.Attributes;
using SocketIo.Engine.SocketIO.Rooms;

namespace SocketIo.Benchmarks.Rooms;

/// <summary>
/// Join + leave in a 100,000-member room: the room index (slots with free-slot reuse, O(1) amortized) against a
/// copy-on-write member array (the simple lock-free design, O(room size) per join and per leave).
/// </summary>
[MemoryDiagnoser]
public class RoomLargeRoomBenchmark
{
    private const int Size = 100_000;
    private const int Batch = 100;

    private RoomIndex<BenchMember> _index = null!;
    private RoomMembership<BenchMember>[] _members = [];
    private RoomMembership<BenchMember>[] _newcomers = [];
    private BenchMember[] _copyOnWrite = [];
    private readonly Lock _copyOnWriteGate = new();

    [GlobalSetup]
    public void Setup()
    {
        _index = new RoomIndex<BenchMember>();
        _members = new RoomMembership<BenchMember>[Size];
        var plain = new BenchMember[Size];
        for (var i = 0; i < Size; i++)
        {
            plain[i] = new BenchMember(i);
            _members[i] = _index.CreateMembership(plain[i]);
            _index.Join(_members[i], plain[i].IdRoom, "big");
        }

        _newcomers = new RoomMembership<BenchMember>[Batch];
        for (var i = 0; i < Batch; i++)
        {
            _newcomers[i] = _index.CreateMembership(new BenchMember(Size + i));
            _index.Join(_newcomers[i], _newcomers[i].Member.IdRoom);
        }

        _copyOnWrite = plain;
    }

    /// <summary>A batch of newcomers joins the big room, then a batch of old members leaves and rejoins.</summary>
    [Benchmark(OperationsPerInvoke = 2 * Batch)]
    public void RoomIndex()
    {
        foreach (var newcomer in _newcomers)
            _index.Join(newcomer, "big");
        foreach (var newcomer in _newcomers)
            _index.Leave(newcomer, "big");
        for (var i = 0; i < Batch; i++)
        {
            var member = _members[i * 997];
            _index.Leave(member, "big");
            _index.Join(member, "big");
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = 2 * Batch)]
    public void CopyOnWriteArray()
    {
        foreach (var newcomer in _newcomers)
            CopyOnWriteJoin(newcomer.Member);
        foreach (var newcomer in _newcomers)
            CopyOnWriteLeave(newcomer.Member);
        for (var i = 0; i < Batch; i++)
        {
            var member = _members[i * 997].Member;
            CopyOnWriteLeave(member);
            CopyOnWriteJoin(member);
        }
    }

    private void CopyOnWriteJoin(BenchMember member)
    {
        lock (_copyOnWriteGate)
        {
            var old = _copyOnWrite;
            var next = new BenchMember[old.Length + 1];
            old.CopyTo(next, 0);
            next[^1] = member;
            Volatile.Write(ref _copyOnWrite, next);
        }
    }

    private void CopyOnWriteLeave(BenchMember member)
    {
        lock (_copyOnWriteGate)
        {
            var old = _copyOnWrite;
            var at = Array.IndexOf(old, member);
            var next = new BenchMember[old.Length - 1];
            Array.Copy(old, 0, next, 0, at);
            Array.Copy(old, at + 1, next, at, old.Length - at - 1);
            Volatile.Write(ref _copyOnWrite, next);
        }
    }
}
