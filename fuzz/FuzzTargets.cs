using System.Reflection;

namespace SocketIo.Fuzz;

/// <summary>Every <see cref="IFuzzTarget"/> in this assembly, found by reflection so a new target is one new file.</summary>
public static class FuzzTargets
{
    /// <summary>All targets, ordered by name.</summary>
    public static IReadOnlyList<IFuzzTarget> All { get; } = typeof(FuzzTargets).Assembly.GetTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IFuzzTarget).IsAssignableFrom(t))
        .Select(t => (IFuzzTarget)Activator.CreateInstance(t)!)
        .OrderBy(t => t.Name, StringComparer.Ordinal)
        .ToArray();

    /// <summary>The target called <paramref name="name"/>, or null.</summary>
    public static IFuzzTarget? Find(string name) => All.FirstOrDefault(t => t.Name == name);
}
