using SocketIo.LoadGen.Cli;

namespace SocketIo.LoadGen.Scenarios;

/// <summary>One load scenario: parses its options, runs to completion by itself, prints a table and a JSON line.</summary>
internal interface IScenario
{
    /// <summary>The name given on the command line (for example <c>ws-echo</c>).</summary>
    string Name { get; }

    /// <summary>One line per option, for <c>--help</c>.</summary>
    string Usage { get; }

    /// <summary>Runs the scenario; returns the process exit code (0 when every check passed).</summary>
    Task<int> RunAsync(ScenarioArguments arguments, TextWriter output, CancellationToken cancellationToken);
}
