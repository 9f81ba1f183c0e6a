using SocketIo.Engine.Hosting;

namespace SocketIo.Engine.Tests.Hosting;

public sealed class IdleMemoryReducerTests
{
    private static readonly IdleMemoryReducerOptions Options = new()
    {
        SampleInterval = TimeSpan.FromMilliseconds(500),
        QuietSamples = 2,
        QuietCpuFraction = 0.05,
        MinAllocatedBytes = 1000,
    };

    private static readonly TimeSpan Busy = TimeSpan.FromMilliseconds(400);
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(10);

    [Fact]
    public void A_reduction_is_due_after_enough_quiet_samples_once_enough_was_allocated()
    {
        var policy = new IdleMemoryPolicy(Options, TimeSpan.Zero, 0);
        var cpu = TimeSpan.Zero;
        Assert.False(policy.Sample(cpu += Busy, 5000));
        Assert.False(policy.Sample(cpu += Quiet, 5000)); // one quiet sample is not enough
        Assert.True(policy.Sample(cpu += Quiet, 5000));
    }

    [Fact]
    public void A_busy_sample_restarts_the_count()
    {
        var policy = new IdleMemoryPolicy(Options, TimeSpan.Zero, 0);
        var cpu = TimeSpan.Zero;
        Assert.False(policy.Sample(cpu += Quiet, 5000));
        Assert.False(policy.Sample(cpu += Busy, 5000));
        Assert.False(policy.Sample(cpu += Quiet, 5000));
        Assert.True(policy.Sample(cpu += Quiet, 5000));
    }

    [Fact]
    public void A_quiet_process_that_allocated_little_is_left_alone()
    {
        var policy = new IdleMemoryPolicy(Options, TimeSpan.Zero, 0);
        var cpu = TimeSpan.Zero;
        for (var i = 0; i < 10; i++)
        {
            Assert.False(policy.Sample(cpu += Quiet, 999));
        }

        Assert.True(policy.Sample(cpu += Quiet, 1000));
    }

    [Fact]
    public void After_a_reduction_only_new_allocation_makes_another_due()
    {
        var policy = new IdleMemoryPolicy(Options, TimeSpan.Zero, 0);
        var cpu = TimeSpan.Zero;
        policy.Sample(cpu += Quiet, 5000);
        Assert.True(policy.Sample(cpu += Quiet, 5000));
        policy.Reduced(cpu += Busy, 5000); // the reduction's own CPU time is not held against the next samples
        for (var i = 0; i < 5; i++)
        {
            Assert.False(policy.Sample(cpu += Quiet, 5500));
        }

        Assert.True(policy.Sample(cpu += Quiet, 6000));
    }

    [Fact]
    public async Task The_reducer_runs_a_full_collection_when_the_process_is_quiet_and_never_while_busy()
    {
        var cpu = TimeSpan.Zero;
        var busy = true;
        var sampled = new SemaphoreSlim(0);
        var options = Options with
        {
            SampleInterval = TimeSpan.FromMilliseconds(20),
            CpuTime = () =>
            {
                sampled.Release();
                return cpu += busy ? TimeSpan.FromMilliseconds(19) : TimeSpan.Zero;
            },
            // Plenty allocated all along: only the CPU decides.
            AllocatedBytes = () => Environment.TickCount64 * 1000,
        };
        await using var reducer = new IdleMemoryReducer(options);
        var gen2 = GC.CollectionCount(2);
        reducer.Start();
        for (var i = 0; i < 10; i++)
        {
            Assert.True(await sampled.WaitAsync(TimeSpan.FromSeconds(10)));
        }

        Assert.Equal(0, reducer.Reductions);
        busy = false;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (reducer.Reductions == 0 && DateTime.UtcNow < deadline)
        {
            await sampled.WaitAsync(TimeSpan.FromSeconds(1));
        }

        Assert.True(reducer.Reductions >= 1);
        Assert.True(GC.CollectionCount(2) > gen2);
        Assert.True(reducer.LastPause > TimeSpan.Zero);
    }
}
