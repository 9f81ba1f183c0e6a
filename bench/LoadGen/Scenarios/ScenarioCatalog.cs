namespace SocketIo.LoadGen.Scenarios;

/// <summary>Every scenario the generator knows, by command-line name. New scenarios are added here.</summary>
internal static class ScenarioCatalog
{
    /// <summary>All scenarios.</summary>
    public static IReadOnlyList<IScenario> All { get; } = [new WsEchoScenario(), new FanoutScenario(), new SioEchoScenario(), new ConnectScenario(), new PollingEchoScenario()];

    /// <summary>The scenario named <paramref name="name"/>, or null.</summary>
    public static IScenario? Find(string name) => All.FirstOrDefault(s => s.Name == name);
}
