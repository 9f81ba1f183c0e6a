using CsCheck;
using SocketIo.Protocol.Json;

namespace SocketIo.Protocol.Tests.Json;

/// <summary>The validator accepts exactly what strict Utf8JsonReader (plus a UTF-8 check) accepts.</summary>
public sealed class JsonValidatorDifferentialTests
{
    // CsCheck starts from this seed (and prints the seed of any failure, to replay it).
    private const string Seed = "0N0XIzNsQ0O2";

    private static readonly string[] Tokens =
    [
        "{", "}", "[", "]", ",", ":", "\"", "\"a\"", "\"\\u00e9\"", "\"\\ud800\"", "\\", "\\u", "\\n", "0", "1", "-", "+", ".", "e",
        "E", "01", "-0.5e+3", "true", "false", "null", "tru", " ", "\n", "\t", "\r", "\f", "a", "é", "\u0001", "\u007f", "//", "/*",
    ];

    [Fact]
    public void Agrees_on_generated_and_mutated_documents()
    {
        var random = new Random(20261125);
        var accepted = 0;
        var rejected = 0;
        for (var i = 0; i < 20_000; i++)
        {
            var document = RandomJson.Document(random);
            Check(document, ref accepted, ref rejected);
            for (var m = 0; m < 4; m++)
            {
                Check(RandomJson.Mutate(document, random), ref accepted, ref rejected);
            }
        }

        // The comparison means something only if both answers are common.
        Assert.True(accepted > 20_000, $"accepted {accepted}");
        Assert.True(rejected > 20_000, $"rejected {rejected}");
    }

    [Fact]
    public void Agrees_with_a_small_depth_limit()
    {
        var random = new Random(5);
        for (var i = 0; i < 5_000; i++)
        {
            var document = RandomJson.Document(random);
            for (var depth = 1; depth <= 4; depth++)
            {
                Assert.Equal(ReferenceJson.Accepts(document, depth), JsonValidator.IsValid(document, depth));
            }
        }
    }

    [Fact]
    public void Agrees_on_random_token_soup()
    {
        Gen.OneOfConst(Tokens).Array[0, 12].Select(parts => System.Text.Encoding.UTF8.GetBytes(string.Concat(parts)))
            .Sample(bytes => ReferenceJson.Accepts(bytes) == JsonValidator.IsValid(bytes), iter: 50_000, seed: Seed);
    }

    [Fact]
    public void Agrees_on_random_bytes()
    {
        Gen.Byte.Array[0, 16].Sample(bytes => ReferenceJson.Accepts(bytes) == JsonValidator.IsValid(bytes), iter: 20_000, seed: Seed);
    }

    private static void Check(byte[] json, ref int accepted, ref int rejected)
    {
        var expected = ReferenceJson.Accepts(json);
        var actual = JsonValidator.IsValid(json);
        if (expected != actual)
        {
            Assert.Fail($"reader {expected}, validator {actual} on (base64) {Convert.ToBase64String(json)}: {System.Text.Encoding.UTF8.GetString(json)}");
        }

        if (expected)
        {
            accepted++;
        }
        else
        {
            rejected++;
        }
    }
}
