namespace SocketIo.LoadGen.Measurement;

/// <summary>
/// The rows every scenario reports about its measured window: CPU on both sides (so a reader can tell which
/// side was saturated), server CPU and allocation per unit of work, GC counts and messages per send.
/// </summary>
internal static class WindowReport
{
    /// <summary>
    /// Adds the differences between <paramref name="begin"/> and <paramref name="end"/>, per
    /// <paramref name="units"/> units of work named <paramref name="unit"/> (for example "msg").
    /// </summary>
    public static void AddTo(Report report, ProbeSnapshot begin, ProbeSnapshot end, long units, string unit)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(begin);
        ArgumentNullException.ThrowIfNull(end);
        var perUnit = Math.Max(units, 1);
        var clientCpu = (end.ClientCpu - begin.ClientCpu).TotalSeconds;
        double? serverCpu = end.ServerCpu is { } e && begin.ServerCpu is { } b ? (e - b).TotalSeconds : null;
        report.Add("clientCpuS", "client CPU", clientCpu, "s", 3);
        report.Add("clientCpuUsPer" + Title(unit), $"client CPU per {unit}", clientCpu * 1e6 / perUnit, "us", 3);
        report.Add("serverCpuS", "server CPU", serverCpu, "s", 3);
        report.Add("serverCpuUsPer" + Title(unit), $"server CPU per {unit}", serverCpu * 1e6 / perUnit, "us", 3);

        var (s0, s1) = (begin.Stats, end.Stats);
        long? allocated = s0?.AllocatedBytes is { } a0 && s1?.AllocatedBytes is { } a1 ? a1 - a0 : null;
        report.Add("allocBytesPer" + Title(unit), $"server allocated per {unit}", allocated is { } all ? (double)all / perUnit : null, "B", 3);
        report.Add("allocBytes", "server allocated in window", allocated, "B");
        report.Add("gen0", "server GCs gen0", s0 is null || s1 is null ? null : s1.Gen0 - s0.Gen0);
        report.Add("gen1", "server GCs gen1", s0 is null || s1 is null ? null : s1.Gen1 - s0.Gen1);
        report.Add("gen2", "server GCs gen2", s0 is null || s1 is null ? null : s1.Gen2 - s0.Gen2);
        long? sendCalls = s0 is null || s1 is null ? null : s1.SendCalls - s0.SendCalls;
        long? frames = s0 is null || s1 is null ? null : s1.FramesSent - s0.FramesSent;
        report.Add("serverSendCalls", "server send calls", sendCalls);
        report.Add("framesPerSend", "server frames per send call", sendCalls > 0 ? (double)frames!.Value / sendCalls.Value : null, "", 3);
        report.Add("serverWorkingSetMiB", "server working set", s1 is null ? null : s1.WorkingSet / 1048576.0, "MiB", 1);
        report.Add("loadAvgBegin", "load average (1 min) at start", begin.LoadAverage);
        report.Add("loadAvgEnd", "load average (1 min) at end", end.LoadAverage);
    }

    private static string Title(string unit) => char.ToUpperInvariant(unit[0]) + unit[1..];
}
