using System.Text;
using SocketIo.Protocol.Http;

namespace SocketIo.Protocol.Tests.Http;

public sealed class HttpStaticFileTests
{
    [Theory]
    [InlineData("index.html", "text/html; charset=utf-8")]
    [InlineData("/a/b/APP.JS", "text/javascript; charset=utf-8")]
    [InlineData("m.mjs", "text/javascript; charset=utf-8")]
    [InlineData("s.css", "text/css; charset=utf-8")]
    [InlineData("d.json", "application/json; charset=utf-8")]
    [InlineData("app.js.map", "application/json; charset=utf-8")]
    [InlineData("logo.png", "image/png")]
    [InlineData("logo.svg", "image/svg+xml")]
    [InlineData("favicon.ico", "image/x-icon")]
    [InlineData("readme.txt", "text/plain; charset=utf-8")]
    [InlineData("engine.wasm", "application/wasm")]
    [InlineData("site.webmanifest", "application/manifest+json")]
    [InlineData("noext", "application/octet-stream")]
    [InlineData("dir.d/noext", "application/octet-stream")]
    [InlineData("trailing.", "application/octet-stream")]
    [InlineData("x.unknownlongext", "application/octet-stream")]
    public void Content_type_by_extension(string path, string expected)
        => Assert.Equal(expected, Encoding.ASCII.GetString(HttpContentTypes.FromPath(path)));

    [Fact]
    public void ETag_is_strong_and_deterministic()
    {
        Span<byte> buffer = stackalloc byte[HttpETag.MaxLength];
        Assert.True(HttpETag.TryFormat(1234, 638400000000000000, buffer, out var written));
        Assert.Equal("\"4d2-8dc0d6ae89c0000\"", Encoding.ASCII.GetString(buffer[..written]));
        Assert.True(HttpETag.TryFormat(long.MaxValue, long.MaxValue, buffer, out written));
        Assert.Equal(HttpETag.MaxLength, written);
        Assert.False(HttpETag.TryFormat(1, 1, stackalloc byte[10], out _));
    }

    [Theory]
    [InlineData("\"abc\"", "\"abc\"", true)]
    [InlineData("W/\"abc\"", "\"abc\"", true)]
    [InlineData("\"abc\"", "W/\"abc\"", true)]
    [InlineData("\"x\", \"abc\"", "\"abc\"", true)]
    [InlineData("\"x\",W/\"abc\"", "\"abc\"", true)]
    [InlineData("\"a,b\", \"abc\"", "\"abc\"", true)]
    [InlineData("\"a,b\"", "\"a\"", false)]
    [InlineData("*", "\"abc\"", true)]
    [InlineData("\"abcd\"", "\"abc\"", false)]
    [InlineData("abc", "\"abc\"", false)]
    [InlineData("\"abc", "\"abc\"", false)]
    [InlineData("", "\"abc\"", false)]
    [InlineData("bad, \"abc\"", "\"abc\"", false)]
    public void If_none_match_uses_weak_comparison_over_lists(string header, string etag, bool matches)
        => Assert.Equal(matches, HttpETag.IfNoneMatch(Encoding.ASCII.GetBytes(header), Encoding.ASCII.GetBytes(etag)));

    [Theory]
    [InlineData("/", "index.html")]
    [InlineData("/index.html", "index.html")]
    [InlineData("/js/app.js", "js/app.js")]
    [InlineData("/docs/", "docs/index.html")]
    [InlineData("/a%20b.txt", "a b.txt")]
    [InlineData("/caf%C3%A9.html", "caf\u00e9.html")]
    [InlineData("/a+b", "a+b")]
    [InlineData("/v1.2/x", "v1.2/x")]
    public void Safe_path_is_mapped(string raw, string expected)
    {
        var destination = new char[256];
        Assert.True(HttpStaticFilePath.TryMap(Encoding.ASCII.GetBytes(raw), destination, out var written));
        Assert.Equal(expected, new string(destination, 0, written));
    }

    [Theory]
    [InlineData("")]
    [InlineData("relative")]
    [InlineData("/..")]
    [InlineData("/../etc/passwd")]
    [InlineData("/a/../../b")]
    [InlineData("/a/..")]
    [InlineData("/%2e%2e/secret")]
    [InlineData("/%2E%2E%2Fsecret")]
    [InlineData("/a%2f..%2f..%2fb")]
    [InlineData("/./a")]
    [InlineData("/.env")]
    [InlineData("/.git/config")]
    [InlineData("/a\\..\\b")]
    [InlineData("/a%5c..%5cb")]
    [InlineData("/a%00.html")]
    [InlineData("/a%0a")]
    [InlineData("//etc/passwd")]
    [InlineData("/a//b")]
    [InlineData("/C:/windows")]
    [InlineData("/c%3a/windows")]
    [InlineData("/file.txt::$DATA")]
    [InlineData("/file.")]
    [InlineData("/file%20")]
    [InlineData("/%ff%fe")]
    [InlineData("/%c0%ae%c0%ae/x")]
    public void Unsafe_path_is_refused(string raw)
    {
        var destination = new char[256];
        Assert.False(HttpStaticFilePath.TryMap(Encoding.ASCII.GetBytes(raw), destination, out var written));
        Assert.Equal(0, written);
    }

    [Fact]
    public void Long_path_uses_a_rented_buffer_and_small_destination_fails()
    {
        var raw = "/" + string.Join('/', Enumerable.Repeat("segment", 100));
        var destination = new char[raw.Length + 16];
        Assert.True(HttpStaticFilePath.TryMap(Encoding.ASCII.GetBytes(raw), destination, out var written));
        Assert.Equal(raw[1..], new string(destination, 0, written));
        Assert.False(HttpStaticFilePath.TryMap("/dir/"u8, new char[6], out _));
    }
}
