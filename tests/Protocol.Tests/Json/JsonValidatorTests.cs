using System.Text;
using SocketIo.Protocol.Json;

namespace SocketIo.Protocol.Tests.Json;

public sealed class JsonValidatorTests
{
    [Theory]
    [InlineData("0")]
    [InlineData("-0")]
    [InlineData("-0.0e-0")]
    [InlineData("1E+21")]
    [InlineData("123.456e789")]
    [InlineData("true")]
    [InlineData("false")]
    [InlineData("null")]
    [InlineData("\"\"")]
    [InlineData(" \t\r\n[ 1 , \"a\" , { \"k\" : [ ] , \"\" : { } } ] \n")]
    [InlineData("[]")]
    [InlineData("[true,false,null]")]
    [InlineData("{\"a\":false}")]
    [InlineData("{}")]
    [InlineData("\"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u0000\\uABCD\\uabcd\"")]
    [InlineData("\"\\ud800\"")]
    [InlineData("\"\\udc00\\ud800\"")]
    [InlineData("\"é中😀\u2028\u007f\"")]
    [InlineData("{\"a\":1,\"a\":2}")]
    [InlineData("[[[[[[[[[[]]]]]]]]]]")]
    public void Accepts_valid_json(string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        Assert.True(ReferenceJson.Accepts(bytes));
        Assert.True(JsonValidator.IsValid(bytes));
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("01")]
    [InlineData("-01")]
    [InlineData("+1")]
    [InlineData(".5")]
    [InlineData("1.")]
    [InlineData("1.e5")]
    [InlineData("1e")]
    [InlineData("1e+")]
    [InlineData("-")]
    [InlineData("--1")]
    [InlineData("0x10")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("tru")]
    [InlineData("truee")]
    [InlineData("True")]
    [InlineData("nul")]
    [InlineData("fals")]
    [InlineData("falsy")]
    [InlineData("t")]
    [InlineData("f")]
    [InlineData("n")]
    [InlineData("[tru]")]
    [InlineData("[nul")]
    [InlineData("[fals")]
    [InlineData("nulll")]
    [InlineData("[1,]")]
    [InlineData("{\"a\":1,}")]
    [InlineData("[,1]")]
    [InlineData("[1 2]")]
    [InlineData("{\"a\" 1}")]
    [InlineData("{\"a\":}")]
    [InlineData("{a:1}")]
    [InlineData("{1:1}")]
    [InlineData("['a']")]
    [InlineData("[1]]")]
    [InlineData("[[1]")]
    [InlineData("{\"a\":1]")]
    [InlineData("[1}")]
    [InlineData("1 2")]
    [InlineData("[] []")]
    [InlineData("\"abc")]
    [InlineData("\"\\x\"")]
    [InlineData("\"\\u12\"")]
    [InlineData("\"\\u12G4\"")]
    [InlineData("\"\\U0041\"")]
    [InlineData("\"a\u0001\"")]
    [InlineData("\"a\tb\"")]
    [InlineData("\"a\nb\"")]
    [InlineData("[1]//c")]
    [InlineData("/*c*/1")]
    [InlineData("\f1")]
    [InlineData("\u00a01")]
    [InlineData("\ufeff1")]
    [InlineData("1\u0000")]
    public void Rejects_invalid_json(string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        Assert.False(ReferenceJson.Accepts(bytes));
        Assert.False(JsonValidator.IsValid(bytes));
    }

    [Fact]
    public void Rejects_invalid_utf8_inside_strings_and_any_non_ascii_outside()
    {
        byte[][] inputs =
        [
            [(byte)'"', 0xFF, (byte)'"'],
            [(byte)'"', 0xC0, 0x80, (byte)'"'], // overlong
            [(byte)'"', 0xED, 0xA0, 0x80, (byte)'"'], // an encoded surrogate
            [(byte)'"', 0xE2, 0x82, (byte)'"'], // truncated before the quote
            [(byte)'"', 0xF4, 0x90, 0x80, 0x80, (byte)'"'], // above U+10FFFF
            [(byte)'"', 0x80, (byte)'"'], // a lone continuation byte
            [(byte)'"', (byte)'a', 0xC3], // truncated at the end of the input
            [(byte)'[', 0xC3, 0xA9, (byte)']'], // valid UTF-8, but not inside a string
        ];
        foreach (var input in inputs)
        {
            Assert.False(JsonValidator.IsValid(input));
        }

        Assert.True(JsonValidator.IsValid([(byte)'"', 0xF0, 0x9F, 0x98, 0x80, (byte)'"']));
    }

    [Fact]
    public void Depth_limit_matches_utf8_json_reader_and_is_configurable()
    {
        static byte[] Nest(int depth) => Encoding.ASCII.GetBytes(new string('[', depth) + new string(']', depth));

        Assert.True(JsonValidator.IsValid(Nest(64)));
        Assert.False(JsonValidator.IsValid(Nest(65)));
        Assert.True(JsonValidator.IsValid(Nest(3), maxDepth: 3));
        Assert.False(JsonValidator.IsValid(Nest(4), maxDepth: 3));
        Assert.True(JsonValidator.IsValid(Nest(1000), maxDepth: 1000));
        Assert.False(JsonValidator.IsValid("{\"a\":{\"b\":{}}}"u8, maxDepth: 2));
        Assert.True(JsonValidator.IsValid("{\"a\":{\"b\":1}}"u8, maxDepth: 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => JsonValidator.IsValid("1"u8, maxDepth: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => JsonValidator.IsValid("1"u8, maxDepth: JsonValidator.MaxDepthLimit + 1));
    }

    [Fact]
    public void Long_strings_are_checked_at_every_offset_around_the_vector_widths()
    {
        // Every length up to 100 and every position of one special byte: exercises the 32- and 16-byte loops,
        // the overlapping tail load and the scalar path.
        byte[] specials = [(byte)'"', (byte)'\\', 0x01, 0x1F, 0xC3];
        for (var length = 0; length <= 100; length++)
        {
            var text = new byte[length + 2];
            text.AsSpan().Fill((byte)'a');
            text[0] = (byte)'"';
            text[^1] = (byte)'"';
            Assert.True(JsonValidator.IsValid(text));
            for (var at = 1; at <= length; at++)
            {
                foreach (var special in specials)
                {
                    var copy = (byte[])text.Clone();
                    copy[at] = special;
                    Assert.Equal(ReferenceJson.Accepts(copy), JsonValidator.IsValid(copy));
                    Assert.Equal(at, JsonStringSearch.IndexOfSpecial(copy, 1));
                    var expected = special == 0xC3 ? copy.Length - 1 : at;
                    Assert.Equal(expected, JsonStringSearch.IndexOfQuoteBackslashOrControl(copy, 1));
                }
            }
        }
    }

    [Fact]
    public void Search_finds_every_special_byte_at_every_offset_of_long_strings()
    {
        // Lengths past 96 enter the two-vector (64-byte) loop; the start offset moves the 32-byte steps against
        // the special byte, so each one lands in the first vector, either half of a 64-byte step, the single
        // vector after the loop and the overlapping tail.
        byte[] specials = [(byte)'"', (byte)'\\', 0x00, 0x1F, 0x80, 0xFF];
        for (var length = 90; length <= 200; length++)
        {
            var text = new byte[length];
            text.AsSpan().Fill((byte)'a');
            for (var from = 0; from < 4; from++)
            {
                Assert.Equal(length, JsonStringSearch.IndexOfSpecial(text, from));
                Assert.Equal(length, JsonStringSearch.IndexOfQuoteBackslashOrControl(text, from));
                for (var at = from; at < length; at++)
                {
                    foreach (var special in specials)
                    {
                        text[at] = special;
                        Assert.Equal(at, JsonStringSearch.IndexOfSpecial(text, from));
                        Assert.Equal(special >= 0x80 ? length : at, JsonStringSearch.IndexOfQuoteBackslashOrControl(text, from));
                    }

                    text[at] = (byte)'a';
                }
            }
        }
    }

    [Fact]
    public void Strings_of_many_lengths_with_escapes_and_non_ascii_across_vector_edges_agree_with_the_reader()
    {
        // Two-byte escapes, six-byte \u escapes and multi-byte UTF-8 placed so they straddle the 16-, 32- and
        // 64-byte boundaries of the search, in strings long enough for every loop.
        string[] pieces = ["\\n", "\\\"", "\\u00e9", "\\ud83d\\ude00", "é", "中", "😀", "\\x", "\\u12", "\u0001"];
        for (var length = 0; length <= 140; length++)
        {
            foreach (var piece in pieces)
            {
                var text = new string('a', length) + piece + new string('b', 140 - length);
                var json = System.Text.Encoding.UTF8.GetBytes("[\"" + text + "\",\"" + text + "\"]");
                Assert.Equal(ReferenceJson.Accepts(json), JsonValidator.IsValid(json));
            }

            // Invalid UTF-8 (truncated, a surrogate, a lone continuation) next to valid sequences.
            byte[][] raw = [[0xE4, 0xB8], [0xED, 0xA0, 0x80], [0x80], [0xC3, 0xA9, 0xFF], [0xF0, 0x9F, 0x98, 0x80]];
            foreach (var bytes in raw)
            {
                var json = new byte[length + bytes.Length + 2 + 140 - length];
                json.AsSpan().Fill((byte)'a');
                json[0] = (byte)'"';
                bytes.CopyTo(json, 1 + length);
                json[^1] = (byte)'"';
                Assert.Equal(ReferenceJson.Accepts(json), JsonValidator.IsValid(json));
                Assert.Equal(bytes[0] == 0xF0, JsonValidator.IsValid(json));
            }
        }
    }

    [Fact]
    public void Observer_sees_the_same_values_as_utf8_json_reader()
    {
        var random = new Random(11);
        for (var i = 0; i < 2000; i++)
        {
            var json = RandomJson.Document(random);
            if (!ReferenceJson.Accepts(json))
            {
                continue;
            }

            var events = new List<string>();
            var observer = new RecordingObserver(events);
            Assert.True(JsonValidator.Validate(json, ref observer));
            Assert.Equal(ReferenceJson.Events(json), events);
        }
    }

    [Fact]
    public void Skipper_finds_the_end_of_every_value()
    {
        var random = new Random(12);
        for (var i = 0; i < 2000; i++)
        {
            var json = RandomJson.Document(random);
            if (!ReferenceJson.Accepts(json))
            {
                continue;
            }

            var start = json.AsSpan().IndexOfAnyExcept(" \t\r\n"u8);
            var end = json.AsSpan().LastIndexOfAnyExcept(" \t\r\n"u8) + 1;
            Assert.Equal(end, JsonValueSkipper.SkipValue(json, start));
        }

        Assert.Equal(10, JsonValueSkipper.SkipValue("[1, \"a\\\"]\" ,{}]"u8, 4));
        Assert.Equal(3, JsonValueSkipper.SkipValue("-12 "u8, 0));
    }
}
