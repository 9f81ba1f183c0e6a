using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using SocketIo.Protocol.Json;

namespace SocketIo.Fuzz.Targets;

/// <summary>
/// <c>json-validate</c>: the hand-written JSON validator must accept exactly what strict
/// <see cref="Utf8JsonReader"/> accepts on valid UTF-8 (and reject invalid UTF-8), at the default and at a
/// small depth limit; on accepted input the value skipper must find the value's end.
/// </summary>
public sealed class JsonValidateTarget : IFuzzTarget
{
    private static readonly string[] SeedTexts =
    [
        "[\"chat\",\"hello\"]", "{\"_placeholder\":true,\"num\":0}", "[1,-0,0.5,1e+21,-2.5E-7,true,false,null]",
        " { \"a\" : [ { } , [ ] ] , \"\" : \"\\u00e9\\ud800\\n\" } ", "\"é中😀\u2028\"", "0", "\"\"", "[[[[[[[[]]]]]]]]",
        "[1,]", "{\"a\":1,}", "01", "1.", ".5", "+1", "tru", "\"\\x\"", "\"\\u12\"", "[1]//c", "\ufeff1", "\f1", "[1 2]", "\"a\u0001\"",
    ];

    /// <inheritdoc />
    public string Name => "json-validate";

    /// <inheritdoc />
    public IEnumerable<byte[]> Seeds => SeedTexts.Select(Encoding.UTF8.GetBytes);

    /// <inheritdoc />
    public void Run(ReadOnlySpan<byte> data) => FuzzInvariantException.Guard(data, Check, "the JSON validator");

    private static void Check(ReadOnlySpan<byte> data)
    {
        foreach (var depth in (ReadOnlySpan<int>)[JsonValidator.DefaultMaxDepth, 2])
        {
            var expected = ReferenceAccepts(data, depth);
            var actual = JsonValidator.IsValid(data, depth);
            FuzzInvariantException.Check(expected == actual, $"validator says {actual}, Utf8JsonReader says {expected} (max depth {depth})");
        }

        if (JsonValidator.IsValid(data))
        {
            var start = data.IndexOfAnyExcept(" \t\r\n"u8);
            var end = data.LastIndexOfAnyExcept(" \t\r\n"u8) + 1;
            FuzzInvariantException.Check(JsonValueSkipper.SkipValue(data, start) == end, "the skipper finds the end of the value");
        }
    }

    private static bool ReferenceAccepts(ReadOnlySpan<byte> data, int maxDepth)
    {
        if (!Utf8.IsValid(data))
        {
            return false;
        }

        var reader = new Utf8JsonReader(data, new JsonReaderOptions { MaxDepth = maxDepth });
        try
        {
            while (reader.Read())
            {
            }

            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
