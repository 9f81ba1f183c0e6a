namespace SocketIo.Benchmarks.Timing;

/// <summary>What one heartbeat CPU run measured.</summary>
internal readonly record struct HeartbeatCpuResult(double CpuMillisecondsPerSecond, double FiresPerSecond)
{
    public double CpuNanosecondsPerFire => FiresPerSecond > 0 ? CpuMillisecondsPerSecond * 1e6 / FiresPerSecond : 0;
}
