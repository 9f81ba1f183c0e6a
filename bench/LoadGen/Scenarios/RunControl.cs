namespace SocketIo.LoadGen.Scenarios;

/// <summary>The phase flag shared by a run's clients (read on every round trip, written three times).</summary>
internal sealed class RunControl
{
    private int _phase;

    /// <summary>The current phase.</summary>
    public RunPhase Phase => (RunPhase)Volatile.Read(ref _phase);

    /// <summary>Moves every client to <paramref name="phase"/>.</summary>
    public void Enter(RunPhase phase) => Volatile.Write(ref _phase, (int)phase);
}
