using System.Text;
using SocketIo.Protocol.Http;

namespace SocketIo.Protocol.Tests.Http;

public sealed class HttpQueryTests
{
    private static string? Get(string query, string name)
    {
        var destination = new byte[query.Length];
        return HttpQuery.TryGetValue(Encoding.Latin1.GetBytes(query), Encoding.UTF8.GetBytes(name), destination, out var written)
            ? Encoding.UTF8.GetString(destination, 0, written)
            : null;
    }

    [Theory]
    [InlineData("EIO=4&transport=polling&t=N8hyd6w", "EIO", "4")]
    [InlineData("EIO=4&transport=polling&t=N8hyd6w", "transport", "polling")]
    [InlineData("EIO=4&transport=polling&t=N8hyd6w", "t", "N8hyd6w")]
    [InlineData("a=1&a=2&a=3", "a", "3")]
    [InlineData("a=x+y", "a", "x y")]
    [InlineData("a=x%20y%2Bz", "a", "x y+z")]
    [InlineData("a=%e2%82%ac", "a", "\u20ac")]
    [InlineData("a=%zz%4", "a", "%zz%4")]
    [InlineData("a=100%", "a", "100%")]
    [InlineData("a", "a", "")]
    [InlineData("a=", "a", "")]
    [InlineData("&&a=1&&", "a", "1")]
    [InlineData("a=b=c", "a", "b=c")]
    [InlineData("my+key=1", "my key", "1")]
    [InlineData("%45IO=4", "EIO", "4")]
    [InlineData("=v", "", "v")]
    [InlineData("sid=abc&sid=", "sid", "")]
    public void Parameter_is_found_and_decoded(string query, string name, string expected)
        => Assert.Equal(expected, Get(query, name));

    [Theory]
    [InlineData("", "a")]
    [InlineData("ab=1", "a")]
    [InlineData("a=1", "A")]
    [InlineData("a=1", "ab")]
    [InlineData("b&c", "a")]
    public void Missing_parameter_is_not_found(string query, string name) => Assert.Null(Get(query, name));

    [Fact]
    public void ValueEquals_and_Contains_decode_on_the_fly()
    {
        Assert.True(HttpQuery.ValueEquals("transport=web%73ocket"u8, "transport"u8, "websocket"u8));
        Assert.False(HttpQuery.ValueEquals("transport=websockets"u8, "transport"u8, "websocket"u8));
        Assert.False(HttpQuery.ValueEquals("transport=websocke"u8, "transport"u8, "websocket"u8));
        Assert.True(HttpQuery.Contains("b64&x=1"u8, "b64"u8));
        Assert.False(HttpQuery.Contains("x=1"u8, "b64"u8));
    }

    [Fact]
    public void Too_small_destination_fails_cleanly()
    {
        Assert.False(HttpQuery.TryGetValue("a=hello"u8, "a"u8, new byte[4], out var written));
        Assert.Equal(0, written);
        Assert.False(HttpQuery.TryGetValue("a=h%20llo"u8, "a"u8, new byte[4], out _));
    }

    [Fact]
    public void Enumerator_yields_raw_pairs_in_order()
    {
        var pairs = new List<string>();
        foreach (var pair in new HttpQueryEnumerator("a=1&&b&c=%20"u8))
        {
            pairs.Add(Encoding.ASCII.GetString(pair.RawName) + "|" + Encoding.ASCII.GetString(pair.RawValue));
        }

        Assert.Equal(["a|1", "b|", "c|%20"], pairs);
    }

    [Theory]
    [InlineData("/a%20b+c", "/a b+c")]
    [InlineData("/%E2%82%AC/x", "/\u20ac/x")]
    [InlineData("/plain", "/plain")]
    [InlineData("/bad%g1", "/bad%g1")]
    public void Path_is_percent_decoded_without_plus(string raw, string expected)
    {
        var destination = new byte[raw.Length];
        Assert.True(HttpStaticFilePath.TryDecodePath(Encoding.ASCII.GetBytes(raw), destination, out var written));
        Assert.Equal(expected, Encoding.UTF8.GetString(destination, 0, written));
    }
}
