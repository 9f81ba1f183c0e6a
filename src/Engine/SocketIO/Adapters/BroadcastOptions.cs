namespace SocketIo.Engine.SocketIO.Adapters;

/// <summary>
/// Who receives a broadcast: the members of <see cref="Rooms"/> (everyone in the namespace when empty) that are in
/// none of <see cref="Except"/>, and how (<see cref="Flags"/>). The shape of the reference adapter's
/// <c>BroadcastOptions</c>, so a cluster adapter can ship it as is.
/// </summary>
internal readonly struct BroadcastOptions(string[] rooms, string[] except, BroadcastFlags flags)
{
    /// <summary>Target rooms; empty means every socket of the namespace.</summary>
    public string[] Rooms { get; } = rooms ?? [];

    /// <summary>Rooms whose members are left out.</summary>
    public string[] Except { get; } = except ?? [];

    /// <summary>Delivery flags.</summary>
    public BroadcastFlags Flags { get; } = flags;

    /// <summary>True when volatile.</summary>
    public bool IsVolatile => (Flags & BroadcastFlags.Volatile) != 0;
}
