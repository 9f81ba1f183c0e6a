using SocketIo.Fuzz;

// Usage:
//   SocketIo.Fuzz list                          names of the targets
//   SocketIo.Fuzz libfuzzer <target>            run under libFuzzer (see fuzz/README.md)
//   SocketIo.Fuzz smoke [target] [mutations]    deterministic smoke run, as the test suite does
//   SocketIo.Fuzz seeds <target> <dir>          write the seed corpus of a target into dir
// Under libFuzzer the target name comes from the environment, because libfuzzer-dotnet passes one argument.
if (args.Length == 0 && Environment.GetEnvironmentVariable("SOCKETIO_FUZZ_TARGET") is { Length: > 0 } envTarget)
{
    args = ["libfuzzer", envTarget];
}

if (args.Length == 0 || args[0] is "-h" or "--help")
{
    Console.WriteLine("usage: list | libfuzzer <target> | smoke [target] [mutations] | seeds <target> <dir>");
    return 0;
}

switch (args[0])
{
    case "list":
        foreach (var t in FuzzTargets.All)
        {
            Console.WriteLine(t.Name);
        }

        return 0;
    case "libfuzzer" when args.Length >= 2 && FuzzTargets.Find(args[1]) is { } target:
        SharpFuzz.Fuzzer.LibFuzzer.Run(span => target.Run(span));
        return 0;
    case "seeds" when args.Length >= 3 && FuzzTargets.Find(args[1]) is { } target:
        Directory.CreateDirectory(args[2]);
        var i = 0;
        foreach (var seed in target.Seeds)
        {
            File.WriteAllBytes(Path.Combine(args[2], $"seed-{i++:D4}"), seed);
        }

        return 0;
    case "smoke":
        {
            var targets = args.Length >= 2 ? FuzzTargets.All.Where(t => t.Name == args[1]).ToList() : [.. FuzzTargets.All];
            var mutations = args.Length >= 3 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 20_000;
            var failed = false;
            foreach (var t in targets)
            {
                var report = SmokeFuzzer.Run(t, seed: 12345, mutations);
                Console.WriteLine($"{t.Name}: {report.Executions} executions, {(report.Failure is null ? "ok" : "FAILED: " + report.Failure)}");
                if (report.FailingInput is { } input)
                {
                    Console.WriteLine($"  input (base64): {Convert.ToBase64String(input)}");
                    failed = true;
                }
            }

            return failed ? 1 : 0;
        }

    default:
        Console.Error.WriteLine($"unknown command or target: {string.Join(' ', args)}");
        return 2;
}
