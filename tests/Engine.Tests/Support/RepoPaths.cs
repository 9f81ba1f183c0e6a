namespace SocketIo.Engine.Tests.Support;

/// <summary>Locates the repository from the test binaries (bin/Release/net10.0 under tests/Engine.Tests).</summary>
internal static class RepoPaths
{
    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    /// <summary>The folder holding Engine.sln.</summary>
    public static string Root => LazyRoot.Value;

    /// <summary>tests/peers, with the node scripts and their package.json.</summary>
    public static string Peers => Path.Combine(Root, "tests", "peers");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Engine.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Engine.sln not found above " + AppContext.BaseDirectory);
    }
}
