namespace SocketIo.LoadGen.Measurement;

/// <summary>
/// Server CPU time (null when unknown), this process's CPU time, the server's stats (null when unknown) and
/// the machine's 1-minute load average at one moment.
/// </summary>
internal sealed record ProbeSnapshot(TimeSpan? ServerCpu, TimeSpan ClientCpu, ServerStats? Stats, double? LoadAverage);
