using BenchmarkDotNet.Running;

// Every benchmark class in this assembly is discovered; pick with --filter, e.g.
//   dotnet run -c Release --project bench/Benchmarks -- --filter '*EngineIo*'
// Add --job short for a quick run.
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
