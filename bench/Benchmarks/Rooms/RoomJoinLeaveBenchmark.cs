using BenchmarkDotNet.Attributes;
using SocketIo.Engine.SocketIO.Rooms;

namespace SocketIo.Benchmarks.Rooms;

/// <summary>
/// Join + leave pairs in an index holding 100,000 members spread over 1,000,000 rooms (each member in its id
/// room and ten rooms of its own). Time is per join+leave pair. The existing-room case cycles through 16,000
/// rooms scattered over the million, each joined by the next member (so never by a member already in it); they
/// were grown to two slots in setup, so the figure is the steady state.
/// </summary>
[MemoryDiagnoser]
public class RoomJoinLeaveBenchmark
{
    private const int Members = 100_000;
    private const int RoomsPerMember = 10;
    private const int Rooms = Members * RoomsPerMember;
    private const int Batch = 1000;
    private const int Batches = 16;

    private RoomIndex<BenchMember> _index = null!;
    private RoomMembership<BenchMember>[] _members = [];
    private string[] _targets = [];
    private RoomMembership<BenchMember>[] _joiners = [];
    private string[] _freshNames = [];
    private int _batch;

    [GlobalSetup]
    public void Setup()
    {
        _index = new RoomIndex<BenchMember>();
        _members = new RoomMembership<BenchMember>[Members];
        var roomNames = new string[RoomsPerMember];
        for (var i = 0; i < Members; i++)
        {
            var member = _members[i] = _index.CreateMembership(new BenchMember(i));
            for (var r = 0; r < RoomsPerMember; r++)
                roomNames[r] = "room-" + (i * RoomsPerMember + r);
            _index.Join(member, member.Member.IdRoom);
            _index.Join(member, roomNames);
        }

        if (_index.RoomCount != Rooms + Members)
            throw new InvalidOperationException($"expected {Rooms + Members} rooms, found {_index.RoomCount}");

        _targets = new string[Batches * Batch];
        _joiners = new RoomMembership<BenchMember>[Batches * Batch];
        for (var k = 0; k < _targets.Length; k++)
        {
            var room = (int)((long)k * 104_729 % Rooms);
            _targets[k] = "room-" + room;
            _joiners[k] = _members[(room / RoomsPerMember + 1) % Members];
            _index.Join(_joiners[k], _targets[k]);
            _index.Leave(_joiners[k], _targets[k]);
        }

        _freshNames = new string[Batch];
        for (var r = 0; r < Batch; r++)
            _freshNames[r] = "fresh-" + r;
    }

    /// <summary>Join a room that already exists (another member's), then leave it.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Batch)]
    public void JoinLeaveExistingRoom()
    {
        var first = _batch * Batch;
        _batch = (_batch + 1) % Batches;
        for (var k = first; k < first + Batch; k++)
        {
            _index.Join(_joiners[k], _targets[k]);
            _index.Leave(_joiners[k], _targets[k]);
        }
    }

    /// <summary>Join a room nobody is in (creates it), then leave it (deletes it).</summary>
    [Benchmark(OperationsPerInvoke = Batch)]
    public void JoinLeaveNewRoom()
    {
        var first = _batch * Batch;
        _batch = (_batch + 1) % Batches;
        for (var i = 0; i < Batch; i++)
        {
            var member = _joiners[first + i];
            _index.Join(member, _freshNames[i]);
            _index.Leave(member, _freshNames[i]);
        }
    }
}
