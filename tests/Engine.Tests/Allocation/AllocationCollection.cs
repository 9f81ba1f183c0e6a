namespace SocketIo.Engine.Tests.Allocation;

/// <summary>
/// Allocation tests read the process-wide allocation counter, so nothing else may run beside them: xunit runs
/// non-parallel collections on their own, after the parallel ones.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AllocationCollection
{
    public const string Name = "Allocation (runs alone)";
}
