using CsCheck;

namespace SocketIo.Protocol.Tests.Text;

/// <summary>
/// Runs a CsCheck generator from a fixed PCG seed, so property tests see the same inputs on every run
/// (the suite must be deterministic); a failure names the iteration and the input.
/// </summary>
internal static class DeterministicSample
{
    public static void Run<T>(Gen<T> gen, int iterations, Action<T> check, ulong seed = 20261125, Func<T, string>? print = null)
    {
        var pcg = new PCG(1, seed);
        for (var i = 0; i < iterations; i++)
        {
            var value = gen.Generate(pcg, null, out _);
            try
            {
                check(value);
            }
            catch (Exception ex)
            {
                throw new InvalidOperationException($"iteration {i} failed for input {print?.Invoke(value) ?? value?.ToString()}", ex);
            }
        }
    }
}
