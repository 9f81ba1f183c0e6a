namespace SocketIo.Engine.Tests.Memory;

/// <summary>Heap measurements are process-wide: nothing else may run while one is taken.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MemoryCollection
{
    /// <summary>The collection's name.</summary>
    public const string Name = "Memory";
}
