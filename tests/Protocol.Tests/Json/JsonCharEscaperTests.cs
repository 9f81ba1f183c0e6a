using System.Text;
using SocketIo.Protocol.Json;

namespace SocketIo.Protocol.Tests.Json;

public sealed class JsonCharEscaperTests
{
    // Expected values are what JavaScript's JSON.stringify(s).slice(1, -1) produces.
    [Theory]
    [InlineData("", "")]
    [InlineData("plain", "plain")]
    [InlineData("q\"b\\", "q\\\"b\\\\")]
    [InlineData("\b\t\n\f\r", "\\b\\t\\n\\f\\r")]
    [InlineData("\u0000\u001e\u001f", "\\u0000\\u001e\\u001f")]
    [InlineData("\u007f<>&'+/", "\u007f<>&'+/")]
    [InlineData("é€\u2028\u2029", "é€\u2028\u2029")]
    [InlineData("😀", "😀")]
    [InlineData("\udbff\udfff", "\U0010FFFF")]
    public void Escapes_like_json_stringify(string text, string expected)
    {
        var length = JsonCharEscaper.GetEscapedLength(text);
        var buffer = new byte[length];
        Assert.Equal(length, JsonCharEscaper.Write(text, buffer));
        Assert.Equal(expected, Encoding.UTF8.GetString(buffer));
    }

    // Lone surrogates cannot live in attribute strings (they are stored as UTF-8), so these are built here.
    [Fact]
    public void Lone_surrogates_become_lowercase_unicode_escapes()
    {
        Assert.Equal("\\ud800", Escape(new string('\ud800', 1)));
        Assert.Equal("a\\udc00b", Escape(string.Concat("a", new string('\udc00', 1), "b")));
        Assert.Equal("\\ud83d😀", Escape(string.Concat(new string('\ud83d', 1), "😀")));
        Assert.Equal("😀\\udbff", Escape(string.Concat("😀", new string('\udbff', 1))));
    }

    private static string Escape(string text)
    {
        var buffer = new byte[JsonCharEscaper.GetEscapedLength(text)];
        Assert.Equal(buffer.Length, JsonCharEscaper.Write(text, buffer));
        return Encoding.UTF8.GetString(buffer);
    }
}
