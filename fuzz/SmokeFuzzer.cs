namespace SocketIo.Fuzz;

/// <summary>
/// Deterministic, dependency-free mutation fuzzing: every seed as-is, then a fixed number of mutations drawn
/// from a fixed-seed PRNG (bit flips, byte sets, inserts, deletes, truncations, splices between seeds,
/// interesting bytes). It finds far less than libFuzzer but runs in every test run, so the harnesses and
/// the decoders' "never throw anything but your own error" contract are exercised on each CI build.
/// </summary>
public static class SmokeFuzzer
{
    private static readonly byte[] InterestingBytes =
        [0x00, 0x01, 0x1E, 0x7F, 0x80, 0xBF, 0xC0, 0xC3, 0xE2, 0xED, 0xF0, 0xF4, 0xFF,
         (byte)'0', (byte)'4', (byte)'9', (byte)'-', (byte)'/', (byte)',', (byte)'[', (byte)']', (byte)'{',
         (byte)'}', (byte)'"', (byte)'\\', (byte)'b', (byte)'\r', (byte)'\n', (byte)':', (byte)' '];

    /// <summary>Result of one smoke run.</summary>
    public readonly record struct Report(string Target, int Executions, byte[]? FailingInput, Exception? Failure);

    /// <summary>Runs <paramref name="target"/> on its seeds and <paramref name="mutations"/> mutated inputs.</summary>
    public static Report Run(IFuzzTarget target, int seed, int mutations)
    {
        ArgumentNullException.ThrowIfNull(target);
        var seeds = target.Seeds.ToList();
        if (seeds.Count == 0)
        {
            seeds.Add([]);
        }

        var random = new Random(seed);
        var executions = 0;
        foreach (var input in seeds)
        {
            if (!TryRun(target, input, ref executions, out var failure))
            {
                return new Report(target.Name, executions, input, failure);
            }
        }

        for (var i = 0; i < mutations; i++)
        {
            var input = Mutate(seeds[random.Next(seeds.Count)], seeds, random);
            if (!TryRun(target, input, ref executions, out var failure))
            {
                return new Report(target.Name, executions, input, failure);
            }
        }

        return new Report(target.Name, executions, null, null);
    }

    private static bool TryRun(IFuzzTarget target, byte[] input, ref int executions, out Exception? failure)
    {
        executions++;
        try
        {
            target.Run(input);
            failure = null;
            return true;
        }
        catch (Exception ex)
        {
            failure = ex;
            return false;
        }
    }

    /// <summary>Applies one to four random mutations to a copy of <paramref name="source"/>.</summary>
    public static byte[] Mutate(byte[] source, IReadOnlyList<byte[]> pool, Random random)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(pool);
        ArgumentNullException.ThrowIfNull(random);
        var data = new List<byte>(source);
        var rounds = 1 + random.Next(4);
        for (var r = 0; r < rounds; r++)
        {
            switch (random.Next(8))
            {
                case 0 when data.Count > 0:
                    data[random.Next(data.Count)] ^= (byte)(1 << random.Next(8));
                    break;
                case 1 when data.Count > 0:
                    data[random.Next(data.Count)] = InterestingBytes[random.Next(InterestingBytes.Length)];
                    break;
                case 2:
                    data.Insert(random.Next(data.Count + 1), InterestingBytes[random.Next(InterestingBytes.Length)]);
                    break;
                case 3 when data.Count > 0:
                    data.RemoveAt(random.Next(data.Count));
                    break;
                case 4 when data.Count > 0:
                    {
                        // Truncation: decoders must cope with input that stops anywhere.
                        var cut = random.Next(data.Count);
                        data.RemoveRange(cut, data.Count - cut);
                    }

                    break;
                case 5:
                    {
                        var other = pool[random.Next(pool.Count)];
                        if (other.Length > 0)
                        {
                            var start = random.Next(other.Length);
                            var length = 1 + random.Next(other.Length - start);
                            data.InsertRange(random.Next(data.Count + 1), other.AsSpan(start, length).ToArray());
                        }

                        break;
                    }
                case 6 when data.Count > 0:
                    {
                        var start = random.Next(data.Count);
                        var length = 1 + random.Next(Math.Min(16, data.Count - start));
                        data.InsertRange(start, data.GetRange(start, length));
                        break;
                    }
                default:
                    data.Add((byte)random.Next(256));
                    break;
            }
        }

        return [.. data];
    }
}
