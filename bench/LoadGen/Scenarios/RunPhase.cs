namespace SocketIo.LoadGen.Scenarios;

/// <summary>
/// Where a timed run is: clients work through all phases but record only in <see cref="Measure"/>, so the
/// window's edges are a single flag flip.
/// </summary>
internal enum RunPhase
{
    /// <summary>Connected and working; nothing recorded (JIT, pools and TCP windows settle).</summary>
    Warmup,

    /// <summary>The measured window.</summary>
    Measure,

    /// <summary>The window closed; clients finish their round trip and stop.</summary>
    Stop,
}
