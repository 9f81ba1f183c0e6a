using System.Text;
using System.Text.Unicode;
using CsCheck;
using SocketIo.Protocol.Text;

namespace SocketIo.Protocol.Tests.Text;

public sealed class Utf8IncrementalValidatorTests
{
    private static readonly byte[] TrickyBytes =
        [0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xE1, 0xEC, 0xED, 0xEE, 0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xF8, 0xFE, 0xFF];

    /// <summary>Byte strings that are valid, nearly valid, or adversarial around the boundary rules.</summary>
    private static readonly Gen<byte[]> Inputs = Gen.Frequency(
        (2, Gen.Byte.Array[0, 80]),
        (3, Gen.String.Select(s => Encoding.UTF8.GetBytes(s))),
        (3, Gen.OneOfConst(TrickyBytes).Array[0, 24]),
        (2, Gen.Select(Gen.String[0, 40], Gen.Int, Gen.OneOfConst(TrickyBytes), (s, at, b) =>
        {
            var bytes = Encoding.UTF8.GetBytes(s + "κόσμε😀" + s);
            bytes[(int)((uint)at % (uint)bytes.Length)] = b;
            return bytes;
        })),
        (1, Gen.Select(Gen.Char['\u0000', '\u007F'].Array[40, 200], Gen.OneOfConst(TrickyBytes).Array[1, 4], (ascii, tail) =>
            (byte[])[.. ascii.Select(c => (byte)c), .. tail])));

    [Fact]
    public void Agrees_with_Utf8_IsValid_for_random_inputs_split_randomly()
    {
        var gen = Gen.Select(Inputs, Gen.Int[0, int.MaxValue].Array[0, 6]);
        DeterministicSample.Run(gen, 20_000, t =>
        {
            var (bytes, cuts) = t;
            var points = cuts.Select(c => c % (bytes.Length + 1)).Append(bytes.Length).Order().ToArray();
            var validator = default(Utf8IncrementalValidator);
            var start = 0;
            var ok = true;
            foreach (var point in points)
            {
                ok = validator.Append(bytes.AsSpan(start, point - start));
                Assert.Equal(IsValidPrefix(bytes.AsSpan(0, point)), ok);
                if (!ok)
                {
                    break;
                }

                start = point;
            }

            Assert.Equal(Utf8.IsValid(bytes), ok && validator.IsCompleteAndValid);
        }, print: t => Convert.ToHexString(t.Item1) + " cuts " + string.Join(',', t.Item2));
    }

    [Fact]
    public void Agrees_with_Utf8_IsValid_one_byte_at_a_time()
    {
        DeterministicSample.Run(Inputs, 5_000, bytes =>
        {
            var validator = default(Utf8IncrementalValidator);
            var ok = true;
            for (var i = 0; i < bytes.Length && ok; i++)
            {
                ok = validator.Append(bytes.AsSpan(i, 1));
                Assert.Equal(IsValidPrefix(bytes.AsSpan(0, i + 1)), ok);
            }

            Assert.Equal(Utf8.IsValid(bytes), ok && validator.IsCompleteAndValid);
        }, print: Convert.ToHexString);
    }

    /// <summary>Autobahn 6.x style cases: (hex, valid as a whole).</summary>
    public static TheoryData<string, bool> TrickyCases() => new()
    {
        { "", true },
        { "CEBAE1BDB9CF83CEBCCEB5", true },          // κόσμε
        { "F09F9880", true },                        // U+1F600
        { "00", true }, { "7F", true }, { "C280", true }, { "DFBF", true }, { "E0A080", true }, { "EFBFBF", true },
        { "F0908080", true }, { "F48FBFBF", true }, { "ED9FBF", true }, { "EE8080", true }, { "EFBFBD", true },
        { "80", false }, { "BF", false }, { "80BF80BF", false },       // bare continuations
        { "C0", false }, { "C080", false }, { "C1BF", false },          // overlong 2-byte
        { "E08080", false }, { "E09FBF", false },                      // overlong 3-byte
        { "F0808080", false }, { "F08FBFBF", false },                  // overlong 4-byte
        { "EDA080", false }, { "EDBFBF", false }, { "EDA080EDB080", false }, // surrogates
        { "F4908080", false }, { "F5808080", false }, { "F7BFBFBF", false }, { "F880808080", false }, { "FE", false }, { "FF", false },
        { "C2", false }, { "E2", false }, { "E282", false }, { "F09F98", false }, { "CEBAE1BD", false }, // truncated
        { "C241", false }, { "E28241", false }, { "F09F9841", false },   // continuation replaced by ASCII
        { "CEBAE1BDB9CF83CEBCCEB5EDA080656469746564", false },
    };

    [Theory]
    [MemberData(nameof(TrickyCases))]
    public void Tricky_case_gives_the_same_verdict_for_every_split(string hex, bool valid)
    {
        var bytes = Convert.FromHexString(hex);
        Assert.Equal(valid, Utf8.IsValid(bytes));
        for (var split = 0; split <= bytes.Length; split++)
        {
            var validator = default(Utf8IncrementalValidator);
            var ok = validator.Append(bytes.AsSpan(0, split)) && validator.Append(bytes.AsSpan(split));
            Assert.Equal(valid, ok && validator.IsCompleteAndValid);
        }
    }

    [Theory]
    [InlineData("C0", 1)]
    [InlineData("41E080", 3)]
    [InlineData("41EDA0", 3)]
    [InlineData("F090", -1)]
    [InlineData("F490", 2)]
    [InlineData("F5", 1)]
    [InlineData("E282E2", 3)]
    [InlineData("CEBAE1BD", -1)]
    [InlineData("E28241", 3)]
    public void Fails_on_the_first_impossible_byte_not_at_the_end(string hex, int failsAfter)
    {
        var bytes = Convert.FromHexString(hex);
        var validator = default(Utf8IncrementalValidator);
        var failedAt = -1;
        for (var i = 0; i < bytes.Length; i++)
        {
            if (!validator.Append(bytes.AsSpan(i, 1)))
            {
                failedAt = i + 1;
                break;
            }
        }

        Assert.Equal(failsAfter, failedAt);
        Assert.Equal(failsAfter >= 0, validator.IsInvalid);
    }

    [Fact]
    public void Tracks_an_unfinished_code_point_and_resets()
    {
        var validator = default(Utf8IncrementalValidator);
        Assert.True(validator.Append([0x41, 0xE2, 0x82]));
        Assert.True(validator.IsInsideSequence);
        Assert.False(validator.IsCompleteAndValid);
        Assert.True(validator.Append([0xAC]));
        Assert.True(validator.IsCompleteAndValid);
        Assert.False(validator.Append([0xFF]));
        Assert.False(validator.Append("a"u8));
        validator.Reset();
        Assert.True(validator.Append("a"u8));
        Assert.True(validator.IsCompleteAndValid);
    }

    [Fact]
    public void Validating_allocates_nothing()
    {
        var text = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("héllo ✓ 😀 ", 100)));
        var validator = default(Utf8IncrementalValidator);
        validator.Append(text);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            validator.Reset();
            for (var offset = 0; offset < text.Length; offset += 7)
            {
                validator.Append(text.AsSpan(offset, Math.Min(7, text.Length - offset)));
            }
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.True(validator.IsCompleteAndValid);
    }

    /// <summary>Oracle: the BCL's streaming decoder says whether the bytes so far can still begin valid UTF-8.</summary>
    private static bool IsValidPrefix(ReadOnlySpan<byte> prefix)
    {
        var chars = new char[prefix.Length + 1];
        return Utf8.ToUtf16(prefix, chars, out _, out _, replaceInvalidSequences: false, isFinalBlock: false)
            != System.Buffers.OperationStatus.InvalidData;
    }
}
