namespace SocketIo.Engine.Hosting;

/// <summary>When an <see cref="IdleMemoryReducer"/> gives memory back. The defaults suit a server process.</summary>
public sealed record IdleMemoryReducerOptions
{
    /// <summary>How often process CPU and allocation are sampled. Default 500 ms.</summary>
    public TimeSpan SampleInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How many samples in a row must be quiet before a reduction. Default 2.</summary>
    public int QuietSamples { get; init; } = 2;

    /// <summary>
    /// The process counts as quiet while it uses less than this fraction of one core (0.05 = 5%). A busy server,
    /// even one that allocates nothing, is never paused.
    /// </summary>
    public double QuietCpuFraction { get; init; } = 0.05;

    /// <summary>
    /// Bytes that must have been allocated since the last reduction (or start) before another is worth it:
    /// below this, there is little garbage to give back. Default 16 MiB.
    /// </summary>
    public long MinAllocatedBytes { get; init; } = 16 * 1024 * 1024;

    /// <summary>Reads the process's total CPU time; replaceable for tests.</summary>
    internal Func<TimeSpan> CpuTime { get; init; } = static () => Environment.CpuUsage.TotalTime;

    /// <summary>Reads the bytes allocated so far; replaceable for tests.</summary>
    internal Func<long> AllocatedBytes { get; init; } = static () => GC.GetTotalAllocatedBytes(precise: false);

    /// <summary>Throws when a value is out of range.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(SampleInterval, TimeSpan.Zero, nameof(SampleInterval));
        ArgumentOutOfRangeException.ThrowIfLessThan(QuietSamples, 1, nameof(QuietSamples));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(QuietCpuFraction, nameof(QuietCpuFraction));
        ArgumentOutOfRangeException.ThrowIfNegative(MinAllocatedBytes, nameof(MinAllocatedBytes));
    }
}
