namespace SocketIo.Engine.Hosting;

/// <summary>
/// The decision of an <see cref="IdleMemoryReducer"/>, without clocks or GC calls: fed samples of process CPU
/// time and allocated bytes, it says when a reduction is due.
/// </summary>
internal sealed class IdleMemoryPolicy(IdleMemoryReducerOptions options, TimeSpan cpuTime, long allocatedBytes)
{
    private TimeSpan _lastCpu = cpuTime;
    private long _allocatedAtReduction = allocatedBytes;
    private int _quietSamples;

    /// <summary>Records one sample; true when a reduction is due now.</summary>
    public bool Sample(TimeSpan cpuTime, long allocatedBytes)
    {
        var busy = (cpuTime - _lastCpu).Ticks > options.SampleInterval.Ticks * options.QuietCpuFraction;
        _lastCpu = cpuTime;
        _quietSamples = busy ? 0 : _quietSamples + 1;
        return _quietSamples >= options.QuietSamples && allocatedBytes - _allocatedAtReduction >= options.MinAllocatedBytes;
    }

    /// <summary>Records that a reduction ran; its own CPU time does not count against quietness.</summary>
    public void Reduced(TimeSpan cpuTime, long allocatedBytes)
    {
        _lastCpu = cpuTime;
        _allocatedAtReduction = allocatedBytes;
        _quietSamples = 0;
    }
}
