using BenchmarkDotNet.Attributes;
using SocketIo.Engine.SocketIO.Rooms;

namespace SocketIo.Benchmarks.Rooms;

/// <summary>
/// Join + leave pairs in an index holding 100,000 members spread over 1,000,000 rooms (each member in its id
/// room and ten rooms of its own). Time is per join+leave pair.
/// </summary>
[MemoryDiagnoser]
public class RoomJoinLeaveBenchmark
{
    private const int Members = 100_000;
    private const int RoomsPerMember = 10;
    private const int Rooms = Members * RoomsPerMember;
    private const int Batch = 1000;

    private RoomIndex<BenchMember> _index = null!;
    private RoomMembership<BenchMember>[] _members = [];
    private string[] _roomNames = [];
    private string[] _freshNames = [];
    private int _cursor;

    [GlobalSetup]
    public void Setup()
    {
        _index = new RoomIndex<BenchMember>();
        _members = new RoomMembership<BenchMember>[Members];
        _roomNames = new string[Rooms];
        for (var r = 0; r < Rooms; r++)
            _roomNames[r] = "room-" + r;
        _freshNames = new string[Batch];
        for (var r = 0; r < Batch; r++)
            _freshNames[r] = "fresh-" + r;
        for (var i = 0; i < Members; i++)
        {
            var member = _members[i] = _index.CreateMembership(new BenchMember(i));
            _index.Join(member, member.Member.IdRoom);
            _index.Join(member, _roomNames.AsSpan(i * RoomsPerMember, RoomsPerMember));
        }

        if (_index.RoomCount != Rooms + Members)
            throw new InvalidOperationException($"expected {Rooms + Members} rooms, found {_index.RoomCount}");
    }

    /// <summary>Join a room that already exists (another member's), then leave it.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Batch)]
    public void JoinLeaveExistingRoom()
    {
        var start = _cursor;
        _cursor = (_cursor + 7919) % Members;
        for (var i = 0; i < Batch; i++)
        {
            var member = _members[(start + i) % Members];
            var room = _roomNames[(start * 13 + i * 104_729) % Rooms];
            _index.Join(member, room);
            _index.Leave(member, room);
        }
    }

    /// <summary>Join a room nobody is in (creates it), then leave it (deletes it).</summary>
    [Benchmark(OperationsPerInvoke = Batch)]
    public void JoinLeaveNewRoom()
    {
        var start = _cursor;
        _cursor = (_cursor + 7919) % Members;
        for (var i = 0; i < Batch; i++)
        {
            var member = _members[(start + i) % Members];
            var room = _freshNames[i];
            _index.Join(member, room);
            _index.Leave(member, room);
        }
    }
}
