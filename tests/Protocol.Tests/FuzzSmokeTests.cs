using SocketIo.Fuzz;

namespace SocketIo.Protocol.Tests;

/// <summary>Runs every fuzz harness in its deterministic smoke mode, so each CI build exercises them.</summary>
public sealed class FuzzSmokeTests
{
    public static TheoryData<string> Targets()
    {
        var data = new TheoryData<string>();
        foreach (var t in FuzzTargets.All)
        {
            data.Add(t.Name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public void Target_survives_seed_corpus_and_fixed_mutations(string name)
    {
        var target = FuzzTargets.Find(name)!;
        var report = SmokeFuzzer.Run(target, seed: 20261125, mutations: 20_000);
        Assert.True(report.Failure is null,
            $"{name} failed after {report.Executions} runs on input (base64) {Convert.ToBase64String(report.FailingInput ?? [])}: {report.Failure}");
    }

    [Fact]
    public void Mutation_is_deterministic_for_a_fixed_seed()
    {
        byte[][] pool = [[1, 2, 3, 4, 5], [9, 8, 7]];
        var a = new Random(7);
        var first = Enumerable.Range(0, 50).Select(_ => SmokeFuzzer.Mutate(pool[0], pool, a)).ToList();
        var b = new Random(7);
        var second = Enumerable.Range(0, 50).Select(_ => SmokeFuzzer.Mutate(pool[0], pool, b)).ToList();
        Assert.Equal(first.Count, second.Count);
        for (var i = 0; i < first.Count; i++)
        {
            Assert.Equal(first[i], second[i]);
        }
    }
}
