using System.Collections.Concurrent;
using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.NoEmit;
using SocketIo.Engine.Timing;

namespace SocketIo.Benchmarks.Timing;

/// <summary>
/// CPU spent per second keeping 100,000 idle sessions alive: each session's ping timer fires every ping interval
/// and is re-armed from its callback (the Engine.IO heartbeat). One wheel (baseline) against one
/// System.Threading.Timer per session, in the same process, on real time.
/// </summary>
/// <remarks>
/// Each benchmark runs once (Monitoring, in-process so the custom columns can read the results): it creates the
/// sessions with start times spread over one interval, lets them run one interval to settle, then measures
/// <see cref="Process.TotalProcessorTime"/> and firings over <see cref="MeasureSeconds"/> of wall time. The ping
/// interval is scaled down from 25 s to 1 s (25x the firing rate) so the run finishes in seconds; the Mean column is
/// wall time and is meaningless here, read the CPU columns.
/// </remarks>
[Config(typeof(HeartbeatCpuConfig))]
public class HeartbeatCpuBenchmark
{
    internal const int Sessions = 100_000;
    internal const int MeasureSeconds = 6;
    internal static readonly TimeSpan PingInterval = TimeSpan.FromSeconds(1);
    internal static readonly ConcurrentDictionary<string, HeartbeatCpuResult> Results = new();

    private static long s_fires;

    [Benchmark(Baseline = true)]
    public async Task Wheel()
    {
        await using var wheel = new TimerWheel();
        wheel.Start();
        var sessions = new WheelSession[Sessions];
        for (var i = 0; i < Sessions; i++)
        {
            sessions[i] = new WheelSession(wheel);
            sessions[i].Entry.Schedule(PingInterval * i / Sessions);
        }

        Results[nameof(Wheel)] = Measure();
        GC.KeepAlive(sessions);
    }

    [Benchmark]
    public void ThreadingTimer()
    {
        var sessions = new TimerSession[Sessions];
        for (var i = 0; i < Sessions; i++)
        {
            sessions[i] = new TimerSession(PingInterval * i / Sessions);
        }

        Results[nameof(ThreadingTimer)] = Measure();
        foreach (var session in sessions)
        {
            session.Timer.Dispose();
        }
    }

    private static HeartbeatCpuResult Measure()
    {
        Thread.Sleep(PingInterval); // every session has fired and re-armed once
        GC.Collect();
        using var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var firesBefore = Interlocked.Read(ref s_fires);
        var wall = Stopwatch.StartNew();
        Thread.Sleep(TimeSpan.FromSeconds(MeasureSeconds));
        process.Refresh();
        var cpu = process.TotalProcessorTime - cpuBefore;
        var fires = Interlocked.Read(ref s_fires) - firesBefore;
        var seconds = wall.Elapsed.TotalSeconds;
        var result = new HeartbeatCpuResult(cpu.TotalMilliseconds / seconds, fires / seconds);
        Console.WriteLine($"// HeartbeatCpu: {result}");
        return result;
    }

    private sealed class WheelSession : ITimerTarget
    {
        public WheelSession(TimerWheel wheel) => Entry = new TimerEntry(wheel, this, 0);

        public TimerEntry Entry { get; }

        public void OnTimer(TimerEntry entry, int generation)
        {
            entry.Schedule(PingInterval);
            Interlocked.Increment(ref s_fires);
        }
    }

    private sealed class TimerSession
    {
        public TimerSession(TimeSpan firstPing) =>
            Timer = new Timer(static state => ((TimerSession)state!).OnPing(), this, firstPing, Timeout.InfiniteTimeSpan);

        public Timer Timer { get; }

        private void OnPing()
        {
            Timer.Change(PingInterval, Timeout.InfiniteTimeSpan);
            Interlocked.Increment(ref s_fires);
        }
    }

    private sealed class HeartbeatCpuConfig : ManualConfig
    {
        public HeartbeatCpuConfig()
        {
            AddJob(Job.Default
                .WithStrategy(RunStrategy.Monitoring)
                .WithLaunchCount(1)
                .WithWarmupCount(0)
                .WithIterationCount(1)
                .WithInvocationCount(1)
                .WithUnrollFactor(1)
                .WithToolchain(InProcessNoEmitToolchain.Instance)
                .WithId("HeartbeatCpu"));
            AddColumn(
                new HeartbeatCpuColumn("CPU ms/s", "Process CPU ms per wall second, 100,000 sessions pinging every 1 s", r => r.CpuMillisecondsPerSecond.ToString("F1", null)),
                new HeartbeatCpuColumn("Fires/s", "Timer callbacks per wall second", r => r.FiresPerSecond.ToString("F0", null)),
                new HeartbeatCpuColumn("CPU ns/fire", "Process CPU per callback (fire + re-arm)", r => r.CpuNanosecondsPerFire.ToString("F0", null)),
                new HeartbeatCpuColumn("CPU ms/s @25s", "CPU ms/s extrapolated to the real 25 s ping interval", r => (r.CpuMillisecondsPerSecond / 25).ToString("F2", null)),
                new HeartbeatCpuColumn("CPU ratio", "CPU ms/s relative to the wheel", RatioToWheel));
        }

        private static string RatioToWheel(HeartbeatCpuResult result) =>
            Results.TryGetValue(nameof(Wheel), out var wheel) && wheel.CpuMillisecondsPerSecond > 0
                ? (result.CpuMillisecondsPerSecond / wheel.CpuMillisecondsPerSecond).ToString("F2", null)
                : "?";
    }
}
