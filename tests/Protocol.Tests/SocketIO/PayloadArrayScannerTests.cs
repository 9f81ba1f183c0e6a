using System.Text;
using System.Text.Json;
using SocketIo.Protocol.Json;
using SocketIo.Protocol.SocketIO;
using SocketIo.Protocol.Tests.Json;

namespace SocketIo.Protocol.Tests.SocketIO;

/// <summary>
/// The array walker of text packets against the general path it replaces (the validator with a
/// <see cref="PayloadShapeRecorder"/>): the same answer and, when valid, the same shape.
/// </summary>
public sealed class PayloadArrayScannerTests
{
    private static readonly string[] Whitespace = ["", "", " ", "\n", "\t ", "\r\n"];

    [Fact]
    public void Agrees_with_the_recorder_on_generated_and_mutated_arrays()
    {
        var random = new Random(20261126);
        var valid = 0;
        for (var i = 0; i < 10_000; i++)
        {
            var array = Array(random);
            valid += Compare(array) ? 1 : 0;
            for (var m = 0; m < 3; m++)
            {
                Compare(RandomJson.Mutate(array, random));
            }
        }

        Assert.True(valid > 3_000, $"only {valid} valid arrays");
    }

    [Theory]
    [InlineData("[]")]
    [InlineData(" [ ] ")]
    [InlineData("[\"chat\"]")]
    [InlineData("[\"c\\u0068at\",1]")]
    [InlineData("[1,\"a\"]")]
    [InlineData("[-0.5e3 , true,false,null]")]
    [InlineData("[true]")]
    [InlineData("[false]")]
    [InlineData("[null]")]
    [InlineData("[{},[]]")]
    [InlineData("[[1,2],{\"a\":[3]}]")]
    [InlineData("[0,1,2,3,4,5,6,7,8,9,10]")]
    [InlineData("[\"a\",\"b\",\"c\",\"d\",\"e\",\"f\",\"g\",\"h\",\"i\"]")]
    [InlineData("[\"é\",\"😀\"]")]
    [InlineData("[")]
    [InlineData("[,]")]
    [InlineData("[1,]")]
    [InlineData("[1 2]")]
    [InlineData("[1]]")]
    [InlineData("[1] x")]
    [InlineData("[01]")]
    [InlineData("[1x]")]
    [InlineData("[truex]")]
    [InlineData("[\"a\"\"b\"]")]
    [InlineData("[\"a]")]
    [InlineData("[\"a\\x\"]")]
    [InlineData("[\"\u0001\"]")]
    [InlineData("[{\"a\":1,}]")]
    [InlineData("[{]")]
    [InlineData("[}")]
    [InlineData("[{\"a\":1 }]")]
    [InlineData("[{ \"a\" : \"b\" , \"c\":null,\"d\":false,\"e\":-1.5e2}]")]
    [InlineData("[{\"a\":{\"b\":1}}]")]
    [InlineData("[{\"a\":1,\"b\":[1,{}]}]")]
    [InlineData("[{\"a\":tru}]")]
    [InlineData("[{\"a\":nul}]")]
    [InlineData("[{\"a\":fals}]")]
    [InlineData("[{\"a\"}]")]
    [InlineData("[{\"a\":}]")]
    [InlineData("[{\"a\" 1}]")]
    [InlineData("[{,}]")]
    [InlineData("[{\"a\":1 \"b\":2}]")]
    [InlineData("[{\"a\":-}]")]
    [InlineData("[{\"a\":01}]")]
    [InlineData("[{\"a\":1}")]
    [InlineData("[{\"a\":\"x]")]
    [InlineData("[{1:2}]")]
    [InlineData("[{\"\u0061\":\"\\n\"}]")]
    public void Agrees_with_the_recorder_on_edge_cases(string json) => Compare(Encoding.UTF8.GetBytes(json));

    [Theory]
    [InlineData(62)]
    [InlineData(63)]
    [InlineData(64)]
    [InlineData(65)]
    public void Counts_the_root_array_against_the_depth_limit(int levels)
    {
        var json = Encoding.ASCII.GetBytes(new string('[', levels) + new string(']', levels));
        Assert.Equal(levels <= JsonValidator.DefaultMaxDepth, Compare(json));
    }

    [Theory]
    [InlineData(62)]
    [InlineData(63)]
    [InlineData(64)]
    [InlineData(65)]
    public void Counts_an_object_element_against_the_depth_limit(int levels)
    {
        // The root array and the object are two levels; the rest are arrays inside the object's value.
        var inner = levels - 2;
        var json = Encoding.ASCII.GetBytes("[{\"a\":1,\"b\":" + new string('[', inner) + new string(']', inner) + "}]");
        Assert.Equal(levels <= JsonValidator.DefaultMaxDepth, Compare(json));
    }

    [Fact]
    public void Agrees_at_every_string_length_around_the_vector_widths()
    {
        for (var length = 0; length <= 130; length++)
        {
            var text = new string('x', length);
            Assert.True(Compare(Encoding.UTF8.GetBytes($"[\"{text}\"]")));
            Assert.True(Compare(Encoding.UTF8.GetBytes($"[\"{text}\",\"{text}\",1]")));
            Assert.False(Compare(Encoding.UTF8.GetBytes($"[\"{text}")));
        }
    }

    [Fact]
    public void Checks_non_ascii_and_control_bytes_at_every_position()
    {
        for (var length = 1; length <= 70; length++)
        {
            for (var at = 0; at < length; at++)
            {
                foreach (var (replacement, valid) in new[] { ("é", true), ("\u0001", false), ("\\n", true), ("\\q", false) })
                {
                    var text = new string('x', at) + replacement + new string('x', length - at - 1);
                    Assert.Equal(valid, Compare(Encoding.UTF8.GetBytes($"[\"{text}\",2]")));
                }

                var bytes = Encoding.UTF8.GetBytes($"[\"{new string('x', length)}\"]");
                bytes[2 + at] = 0xC3; // a lead byte without its continuation
                Assert.False(Compare(bytes));
            }
        }
    }

    [Fact]
    public void Agrees_on_object_strings_at_every_length_and_offset_around_the_window()
    {
        // The object's strings are found through a window of the 64 bytes from the object's start (shifted when
        // the object sits near the end); the prefix moves the object, the lengths move its strings across it.
        for (var prefix = 0; prefix <= 70; prefix += 7)
        {
            for (var length = 0; length <= 80; length++)
            {
                var text = new string('x', length);
                var head = $"[\"{new string('p', prefix)}\",";
                Assert.True(Compare(Encoding.UTF8.GetBytes(head + $"{{\"{text}\":\"{text}\",\"k\":1}}]")));
                Assert.True(Compare(Encoding.UTF8.GetBytes(head + $"{{\"k\":\"{text}\"}},\"{text}\"]")));
                Assert.False(Compare(Encoding.UTF8.GetBytes(head + $"{{\"k\":\"{text}}}]")));
            }
        }
    }

    [Fact]
    public void Checks_special_bytes_at_every_position_of_object_strings()
    {
        for (var length = 1; length <= 70; length++)
        {
            for (var at = 0; at < length; at++)
            {
                foreach (var (replacement, valid) in new[] { ("é", true), ("\u0001", false), ("\\\"", true), ("\\q", false), ("😀", true) })
                {
                    var text = new string('x', at) + replacement + new string('x', length - at - 1);
                    Assert.Equal(valid, Compare(Encoding.UTF8.GetBytes($"[\"e\",{{\"{text}\":\"{text}\"}}]")));
                }
            }
        }
    }

    [Fact]
    public void Binary_walk_agrees_with_the_general_scan_on_generated_and_mutated_arrays()
    {
        var random = new Random(20261125);
        var walked = 0;
        for (var i = 0; i < 10_000; i++)
        {
            var array = BinaryArray(random);
            var attachments = random.Next(4);
            walked += CompareBinary(array, attachments) ? 1 : 0;
            for (var m = 0; m < 3; m++)
            {
                CompareBinary(RandomJson.Mutate(array, random), attachments);
            }
        }

        Assert.True(walked > 5_000, $"only {walked} arrays walked");
    }

    [Theory]
    [InlineData("[\"a\",{\"_placeholder\":true,\"num\":0}]", 1, true)]
    [InlineData("[\"a\",{\"_placeholder\":true,\"num\":1}]", 1, false)]
    [InlineData("[\"a\",{\"num\":0,\"_placeholder\":true}]", 1, true)]
    [InlineData("[\"a\",{\"num\":3,\"_placeholder\":true}]", 1, false)]
    [InlineData("[\"a\",{\"_placeholder\":false,\"num\":9}]", 1, true)]
    [InlineData("[\"a\",{\"_placeholder\":true,\"num\":0.0}]", 1, true)]
    [InlineData("[\"a\",{\"_placeholder\":true,\"num\":-1}]", 1, false)]
    [InlineData("[\"a\",{\"_placeholder\":true,\"num\":\"0\"}]", 1, false)]
    [InlineData("[\"a\",{\"_placeholder\":true}]", 1, false)]
    [InlineData("[\"a\",{\"_placeholder\":true,\"num\":5,\"num\":0}]", 1, true)]
    [InlineData("[\"a\",{\"_placeholder\":true,\"num\":0,\"_placeholder\":1}]", 0, true)]
    [InlineData("[\"a\",{\"x\":\"_placeholder\",\"num\":7}]", 1, true)]
    [InlineData("[ \"a\" , { \"_placeholder\" : true , \"num\" : 0 } ]", 1, true)]
    public void Binary_walk_checks_placeholders_like_the_general_scan(string json, int attachments, bool placeholdersValid)
    {
        var payload = Encoding.UTF8.GetBytes(json);
        Assert.True(CompareBinary(payload, attachments), "not walked");
        var shape = default(PayloadShape);
        Assert.True(PayloadScanner.TryScan(payload, binary: true, attachments, ref shape, out var valid));
        Assert.Equal(placeholdersValid, valid);
    }

    [Theory]
    [InlineData("[\"a\",[{\"_placeholder\":true,\"num\":5}]]")]
    [InlineData("[\"a\",{\"k\":{\"_placeholder\":true,\"num\":5}}]")]
    [InlineData("[\"a\",{\"k\":[1]}]")]
    [InlineData("[\"a\",{\"_place\\u0068older\":true,\"num\":5}]")]
    [InlineData("{\"_placeholder\":true,\"num\":5}")]
    public void Binary_walk_leaves_nested_and_escaped_objects_to_the_general_scan(string json)
    {
        var payload = Encoding.UTF8.GetBytes(json);
        var open = JsonValidator.SkipWhitespace(payload, 0);
        if (payload[open] == '[')
        {
            var shape = default(PayloadShape);
            Assert.Equal(PayloadArrayScanner.Unsupported, PayloadArrayScanner.TryScanBinary(payload, open, 1, ref shape, out _));
        }

        // The general scan then finds the placeholder that indexes no attachment.
        var whole = default(PayloadShape);
        Assert.True(PayloadScanner.TryScan(payload, binary: true, attachments: 1, ref whole, out var valid));
        Assert.Equal(json.Contains("\"k\":[1]", StringComparison.Ordinal), valid);
    }

    [Fact]
    public void Recorded_offsets_are_the_starts_then_the_ends()
    {
        var shape = default(PayloadShape);
        for (var i = 0; i < PayloadShape.RecordedElements; i++)
        {
            shape.ElementStarts[i] = i;
            shape.ElementEnds[i] = 100 + i;
        }

        var expected = Enumerable.Range(0, PayloadShape.RecordedElements).Concat(Enumerable.Range(100, PayloadShape.RecordedElements));
        Assert.Equal(expected, PayloadShape.RecordedOffsets(in shape).ToArray());
    }

    // Both paths on one payload; returns whether it is valid.
    private static bool Compare(byte[] payload)
    {
        var expectedShape = default(PayloadShape);
        var recorder = new PayloadShapeRecorder(ref expectedShape);
        var expected = JsonValidator.Validate(payload, ref recorder, JsonValidator.DefaultMaxDepth);

        var open = JsonValidator.SkipWhitespace(payload, 0);
        if (open >= payload.Length || payload[open] != '[')
        {
            return expected;
        }

        var actualShape = default(PayloadShape);
        var actual = PayloadArrayScanner.TryScan(payload, open, ref actualShape);
        Assert.True(expected == actual, $"{Encoding.UTF8.GetString(payload)}: expected {expected}");
        if (actual)
        {
            AssertSameShape(expectedShape, actualShape, payload);
        }

        return actual;
    }

    // The binary walk against the general scan on one payload; returns whether the walk took it.
    private static bool CompareBinary(byte[] payload, int attachments)
    {
        var expectedShape = default(PayloadShape);
        var expected = PayloadScanner.ScanBinary(payload, attachments, ref expectedShape, out var expectedPlaceholders);
        var open = JsonValidator.SkipWhitespace(payload, 0);
        if (open >= payload.Length || payload[open] != '[')
        {
            return false;
        }

        var actualShape = default(PayloadShape);
        var actual = PayloadArrayScanner.TryScanBinary(payload, open, attachments, ref actualShape, out var actualPlaceholders);
        if (actual == PayloadArrayScanner.Unsupported)
        {
            return false;
        }

        var json = Encoding.UTF8.GetString(payload);
        Assert.True(expected == (actual == PayloadArrayScanner.Valid), $"{json}: expected {expected}");
        if (expected)
        {
            Assert.True(expectedPlaceholders == actualPlaceholders, $"{json}: placeholders {expectedPlaceholders} vs {actualPlaceholders}");
            AssertSameShape(expectedShape, actualShape, payload);
        }

        return true;
    }

    private static byte[] BinaryArray(Random random)
    {
        string[] objects =
        [
            "{\"_placeholder\":true,\"num\":0}", "{\"_placeholder\":true,\"num\":1}", "{\"_placeholder\":true,\"num\":3}",
            "{\"num\":2,\"_placeholder\":true}", "{ \"_placeholder\" : true , \"num\" : 0.0 }", "{\"_placeholder\":false,\"num\":9}",
            "{\"_placeholder\":true,\"num\":-1}", "{\"_placeholder\":true}", "{\"num\":0}", "{}", "{\"a\":\"_placeholder\"}",
            "{\"_placeholder\":true,\"num\":1e0}", "{\"_placeholder\":1,\"num\":0}",
        ];
        var text = new StringBuilder(Ws(random)).Append('[').Append(Ws(random));
        var count = random.Next(8);
        for (var i = 0; i < count; i++)
        {
            if (i > 0)
            {
                text.Append(Ws(random)).Append(',').Append(Ws(random));
            }

            text.Append(random.Next(3) == 0
                ? Encoding.UTF8.GetString(RandomJson.Document(random, maxNesting: 1)).Trim(' ', '\n', '\r', '\t')
                : objects[random.Next(objects.Length)]);
        }

        return Encoding.UTF8.GetBytes(text.Append(Ws(random)).Append(']').Append(Ws(random)).ToString());
    }

    private static void AssertSameShape(PayloadShape expected, PayloadShape actual, byte[] payload)
    {
        var json = Encoding.UTF8.GetString(payload);
        Assert.True(expected.Root == actual.Root, json);
        Assert.True(expected.Root == JsonValueKind.Array, json);
        Assert.True(expected.First == actual.First, $"{json}: first {expected.First} vs {actual.First}");
        Assert.True(expected.FirstStart == actual.FirstStart, json);
        Assert.True(expected.FirstEnd == actual.FirstEnd, json);
        Assert.True(expected.FirstIsEscaped == actual.FirstIsEscaped, json);
        Assert.True(expected.ArrayContentStart == actual.ArrayContentStart, json);
        Assert.True(expected.ArrayContentEnd == actual.ArrayContentEnd, json);
        Assert.True(expected.ElementCount == actual.ElementCount, json);
        for (var i = 0; i < Math.Min(expected.ElementCount, PayloadShape.RecordedElements); i++)
        {
            Assert.True(expected.ElementStarts[i] == actual.ElementStarts[i], $"{json}: start {i}");
            Assert.True(expected.ElementEnds[i] == actual.ElementEnds[i], $"{json}: end {i}");
        }
    }

    private static byte[] Array(Random random)
    {
        var text = new StringBuilder(Ws(random)).Append('[').Append(Ws(random));
        var count = random.Next(12);
        for (var i = 0; i < count; i++)
        {
            if (i > 0)
            {
                text.Append(Ws(random)).Append(',').Append(Ws(random));
            }

            text.Append(Encoding.UTF8.GetString(RandomJson.Document(random, maxNesting: 4)).Trim(' ', '\n', '\r', '\t'));
        }

        return Encoding.UTF8.GetBytes(text.Append(Ws(random)).Append(']').Append(Ws(random)).ToString());
    }

    private static string Ws(Random random) => Whitespace[random.Next(Whitespace.Length)];
}
