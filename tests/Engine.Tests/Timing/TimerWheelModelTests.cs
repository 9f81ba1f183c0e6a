using SocketIo.Engine.Timing;

namespace SocketIo.Engine.Tests.Timing;

/// <summary>Random schedules, cancels and advances checked step by step against a sorted-set model of the wheel.</summary>
public sealed class TimerWheelModelTests
{
    private const int EntryCount = 4096;

    [Theory]
    [InlineData(12345, 1_000_000)]
    [InlineData(777, 200_000)]
    public void Random_operations_match_a_sorted_set_model(int seed, int operations)
    {
        var random = new Random(seed);
        var wheel = new TimerWheel(TimeSpan.FromMilliseconds(20), new ManualTimeProvider());
        var target = new ModelTarget(wheel);
        var entries = new TimerEntry[EntryCount];
        for (var i = 0; i < EntryCount; i++)
        {
            entries[i] = new TimerEntry(wheel, target, i);
        }

        var model = new SortedSet<(long Due, int Id)>();
        var modelDue = new long[EntryCount]; // 0 = not pending (no due tick is ever 0)
        var expected = new List<(long Tick, int Id)>();

        for (var op = 0; op < operations; op++)
        {
            var id = random.Next(EntryCount);
            var roll = random.Next(100);
            if (roll < 55)
            {
                var due = wheel.CurrentTick + RandomDelay(random);
                var replaced = wheel.ScheduleAt(entries[id], due);
                Check(replaced == (modelDue[id] != 0), op, "Schedule result");
                if (modelDue[id] != 0)
                {
                    model.Remove((modelDue[id], id));
                }

                modelDue[id] = due;
                model.Add((due, id));
            }
            else if (roll < 80)
            {
                var cancelled = wheel.Cancel(entries[id]);
                Check(cancelled == (modelDue[id] != 0), op, "Cancel result");
                if (modelDue[id] != 0)
                {
                    model.Remove((modelDue[id], id));
                    modelDue[id] = 0;
                }
            }
            else
            {
                var until = wheel.CurrentTick + RandomStep(random);
                target.Fired.Clear();
                expected.Clear();
                var count = wheel.AdvanceTo(until);
                while (model.Count > 0 && model.Min.Due <= until)
                {
                    var (due, firedId) = model.Min;
                    model.Remove(model.Min);
                    modelDue[firedId] = 0;
                    expected.Add((due, firedId));
                    if (ModelTarget.Reschedules(firedId))
                    {
                        var next = due + ModelTarget.NextDelay(firedId, due);
                        modelDue[firedId] = next;
                        model.Add((next, firedId));
                    }
                }

                Check(count == target.Fired.Count, op, "AdvanceTo count");
                for (var i = 1; i < target.Fired.Count; i++)
                {
                    Check(target.Fired[i - 1].Tick <= target.Fired[i].Tick, op, "firing order");
                }

                // Within one tick the order is unspecified; across ticks it is by due tick.
                target.Fired.Sort();
                Check(expected.SequenceEqual(target.Fired), op, "fired set");
            }

            if (op % 100_000 == 0)
            {
                wheel.CheckInvariants();
                Check(wheel.Count == model.Count, op, "Count");
            }
        }

        wheel.CheckInvariants();
        Assert.Equal(model.Count, wheel.Count);
        Assert.True(target.Total > operations / 20, $"only {target.Total} firings");
    }

    // Mostly short delays, some on every level, a few beyond the top level (overflow list).
    private static long RandomDelay(Random random) => random.Next(100) switch
    {
        < 55 => random.NextInt64(1, 64),
        < 80 => random.NextInt64(1, 4096),
        < 93 => random.NextInt64(1, 1 << 18),
        < 99 => random.NextInt64(1, (1 << 24) + (1 << 20)),
        _ => random.NextInt64(1 << 24, 1L << 26),
    };

    private static long RandomStep(Random random) => random.Next(100) switch
    {
        < 85 => random.NextInt64(0, 64),
        < 99 => random.NextInt64(0, 4096),
        _ => random.NextInt64(0, 1 << 18),
    };

    private static void Check(bool condition, int op, string what)
    {
        if (!condition)
        {
            Assert.Fail($"{what} differs from the model at operation {op}");
        }
    }

    private sealed class ModelTarget(TimerWheel wheel) : ITimerTarget
    {
        public List<(long Tick, int Id)> Fired { get; } = [];

        public long Total { get; private set; }

        // Every 64th entry behaves like a heartbeat and reschedules itself from its callback (few enough that the
        // ~3e8 simulated ticks stay cheap).
        public static bool Reschedules(int id) => id % 64 == 0;

        public static long NextDelay(int id, long tick) => 1 + (((id * 31) + tick) % 20_000);

        public void OnTimer(TimerEntry entry, int generation)
        {
            var tick = wheel.CurrentTick;
            Fired.Add((tick, entry.Kind));
            Total++;
            if (Reschedules(entry.Kind))
            {
                wheel.ScheduleAt(entry, tick + NextDelay(entry.Kind, tick));
            }
        }
    }
}
