using SocketIo.Engine.Timing;

namespace SocketIo.Engine.Tests.Timing;

/// <summary>Records every firing as (kind, tick, generation was current); optionally runs an action per firing.</summary>
internal sealed class RecordingTarget(TimerWheel wheel) : ITimerTarget
{
    public List<Firing> Firings { get; } = [];

    public Action<TimerEntry, int>? OnFire { get; set; }

    public void OnTimer(TimerEntry entry, int generation)
    {
        Firings.Add(new Firing(entry.Kind, wheel.CurrentTick, entry.IsCurrent(generation)));
        OnFire?.Invoke(entry, generation);
    }

    public readonly record struct Firing(int Kind, long Tick, bool Current);
}
