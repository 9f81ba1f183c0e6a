using System.Buffers;
using System.Text;
using System.Text.Json;
using SocketIo.Protocol.Json;

namespace SocketIo.Protocol.Tests.Json;

/// <summary>Expected strings were produced by node's JSON.stringify (see each case); the tests do not need node.</summary>
public sealed class JsonStringifyTests
{
    private static readonly JsonSerializerOptions Options = new() { Encoder = JsonStringifyEncoder.Instance };

    // node -e 'console.log(JSON.stringify(s))'
    [Theory]
    [InlineData("a\u2028b\u2029", "\"a\u2028b\u2029\"")]
    [InlineData("\ud83d\ude00", "\"\ud83d\ude00\"")]
    [InlineData("\u001e\n\u0000\b\f\r\t\u007f", "\"\\u001e\\n\\u0000\\b\\f\\r\\t\u007f\"")]
    [InlineData("é<>&'+", "\"é<>&'+\"")]
    [InlineData("\"\\/", "\"\\\"\\\\/\"")]
    [InlineData("\u0378\ue000\u00ad", "\"\u0378\ue000\u00ad\"")]
    public void Encoder_escapes_strings_like_json_stringify(string value, string expected)
    {
        Assert.Equal(expected, JsonSerializer.Serialize(value, Options));
        Assert.Equal("{" + expected + ":1}", JsonSerializer.Serialize(new Dictionary<string, int> { [value] = 1 }, Options));
    }

    [Fact]
    public void Encoder_keeps_lone_surrogates_as_lowercase_escapes()
    {
        // Not [InlineData]: xunit's theory serialization would turn lone surrogates into U+FFFD.
        Assert.Equal("\"x\\ud800y\"", JsonSerializer.Serialize("x\ud800y", Options));
        Assert.Equal("\"\\udc00\"", JsonSerializer.Serialize("\udc00", Options));
        Assert.Equal("\"\\ude00\\ud83d\"", JsonSerializer.Serialize("\ude00\ud83d", Options));
        Assert.Equal("{\"\\udbff\":\"\\udbffa\"}", JsonSerializer.Serialize(new Dictionary<string, string> { ["\udbff"] = "\udbffa" }, Options));
    }

    [Fact]
    public void Encoder_escapes_utf8_input_and_rejects_invalid_utf8()
    {
        var output = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(output, new JsonWriterOptions { Encoder = JsonStringifyEncoder.Instance }))
        {
            writer.WriteStringValue("é\u2028\n\"<"u8);
        }

        Assert.Equal("\"é\u2028\\n\\\"<\"", Encoding.UTF8.GetString(output.WrittenSpan));
        using var bad = new Utf8JsonWriter(new ArrayBufferWriter<byte>(), new JsonWriterOptions { Encoder = JsonStringifyEncoder.Instance });
        Assert.Throws<ArgumentException>(() => bad.WriteStringValue([0x61, 0xFF]));
    }

    // node -e 'console.log(JSON.stringify([1e21,1e-7,0.1,-0,123456789012345680000,...]))'
    [Theory]
    [InlineData(1e21, "1e+21")]
    [InlineData(1e-7, "1e-7")]
    [InlineData(0.1, "0.1")]
    [InlineData(-0.0, "0")]
    [InlineData(123456789012345680000.0, "123456789012345680000")]
    [InlineData(1.5, "1.5")]
    [InlineData(1e20, "100000000000000000000")]
    [InlineData(double.MaxValue, "1.7976931348623157e+308")]
    [InlineData(double.Epsilon, "5e-324")]
    [InlineData(0.000001, "0.000001")]
    [InlineData(1234.5678, "1234.5678")]
    [InlineData(-1e-7, "-1e-7")]
    [InlineData(123e-20, "1.23e-18")]
    [InlineData(1.0, "1")]
    [InlineData(1e15, "1000000000000000")]
    [InlineData(-12345.0, "-12345")]
    [InlineData(double.NaN, "null")]
    [InlineData(double.PositiveInfinity, "null")]
    [InlineData(double.NegativeInfinity, "null")]
    public void Numbers_are_formatted_like_javascript(double value, string expected)
    {
        Span<byte> buffer = stackalloc byte[JsNumberFormatter.MaxLength];
        Assert.True(JsNumberFormatter.TryFormat(value, buffer, out var written));
        Assert.Equal(expected, Encoding.UTF8.GetString(buffer[..written]));
    }

    // node -e 'console.log(JSON.stringify(JSON.parse(text)))'
    [Theory]
    [InlineData("[\"\\u00e9\\uD83D\\uDE00\\u2028\\/\\u001E\\uD800\",1.0,1E+2,-0,1e21, 12345678901234567890123]",
        "[\"é😀\u2028/\\u001e\\ud800\",1,100,0,1e+21,1.2345678901234568e+22]")]
    [InlineData(" { \"a\" : [ true , false , null ] } ", "{\"a\":[true,false,null]}")]
    [InlineData("\"\\u0022\\u005C\\u0008\\u000C\\u000A\\u000D\\u0009\\u007F\"", "\"\\\"\\\\\\b\\f\\n\\r\\t\u007f\"")]
    [InlineData("[1E-07,1E+15,-0.0,2.50,9007199254740993,1e999]", "[1e-7,1000000000000000,0,2.5,9007199254740993,null]")]
    [InlineData("\"\\uDBFF\\uDFFF\\uDBFF\"", "\"\U0010FFFF\\udbff\"")]
    public void Normalizer_rewrites_json_to_json_stringify_form(string json, string expected)
    {
        var output = new ArrayBufferWriter<byte>();
        Assert.True(JsonStringify.Normalize(Encoding.UTF8.GetBytes(json), output));
        Assert.Equal(expected, Encoding.UTF8.GetString(output.WrittenSpan));
    }

    [Theory]
    [InlineData("[\"a]")]
    [InlineData("\"\\x\"")]
    [InlineData("\"\\u12\"")]
    [InlineData("tru")]
    [InlineData("'a'")]
    [InlineData("--1")]
    public void Normalizer_reports_invalid_input(string json)
    {
        Assert.False(JsonStringify.Normalize(Encoding.UTF8.GetBytes(json), new ArrayBufferWriter<byte>()));
    }

    [Fact]
    public void Normalizer_reports_a_too_small_destination_and_grows_a_buffer_writer()
    {
        var json = "[1E+20,1E+20,1E+20]"u8;
        Assert.Equal(OperationStatus.DestinationTooSmall, JsonStringify.Normalize(json, new byte[json.Length], out _));
        var output = new ArrayBufferWriter<byte>(1);
        Assert.True(JsonStringify.Normalize(json, output));
        Assert.Equal("[100000000000000000000,100000000000000000000,100000000000000000000]", Encoding.UTF8.GetString(output.WrittenSpan));
    }
}
