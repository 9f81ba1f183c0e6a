// Load generator: drives a server over raw sockets and reports rates, latency and CPU/allocation per unit
// of work on both sides. Usage: SocketIo.LoadGen SCENARIO [--option value ...]
using System.Net.Sockets;
using SocketIo.LoadGen.Cli;
using SocketIo.LoadGen.Scenarios;

// Run socket continuations on the epoll thread instead of hopping to the thread pool: the generator then
// spends about 20% less CPU per message and leaves more of a small machine to the server under test. Read
// once when the first socket is created, so it is set before any. An explicit value in the environment wins.
const string InlineCompletions = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";
if (Environment.GetEnvironmentVariable(InlineCompletions) is null)
{
    Environment.SetEnvironmentVariable(InlineCompletions, "1");
}

if (args.Length == 0 || args[0] is "-h" or "--help")
{
    Console.WriteLine("usage: SocketIo.LoadGen SCENARIO [options]\n");
    foreach (var s in ScenarioCatalog.All)
    {
        Console.WriteLine($"{s.Name}\n{s.Usage}");
    }

    return args.Length == 0 ? 2 : 0;
}

var scenario = ScenarioCatalog.Find(args[0]);
if (scenario is null)
{
    Console.Error.WriteLine($"error: unknown scenario '{args[0]}' (known: {string.Join(", ", ScenarioCatalog.All.Select(s => s.Name))})");
    return 2;
}

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};

try
{
    return await scenario.RunAsync(new ScenarioArguments(args.Skip(1)), Console.Out, stop.Token);
}
catch (FormatException ex)
{
    Console.Error.WriteLine($"error: {ex.Message}");
    return 2;
}
catch (Exception ex) when (ex is SocketException or InvalidDataException or HttpRequestException or OperationCanceledException)
{
    Console.Error.WriteLine($"{scenario.Name}: failed: {ex.Message}");
    return 1;
}
