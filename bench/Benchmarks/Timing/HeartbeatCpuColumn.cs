using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace SocketIo.Benchmarks.Timing;

/// <summary>A summary column showing a value that <see cref="HeartbeatCpuBenchmark"/> measured in-process.</summary>
internal sealed class HeartbeatCpuColumn(string name, string legend, Func<HeartbeatCpuResult, string> format) : IColumn
{
    public string Id => nameof(HeartbeatCpuColumn) + name;

    public string ColumnName => name;

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => legend;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) =>
        HeartbeatCpuBenchmark.Results.TryGetValue(benchmarkCase.Descriptor.WorkloadMethod.Name, out var result)
            ? format(result)
            : "?";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public bool IsAvailable(Summary summary) => true;
}
