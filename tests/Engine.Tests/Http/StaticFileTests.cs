using SocketIo.Engine.Tests.Support;

namespace SocketIo.Engine.Tests.Http;

/// <summary>The static-file handler behind the HTTP server: types, ETags, HEAD, 404 and traversal attempts.</summary>
public sealed class StaticFileTests
{
    private const string Css = "body { color: red; }";

    [Fact]
    public async Task File_is_served_with_content_type_and_ETag_and_304_on_a_matching_If_None_Match()
    {
        await using var server = NewServer();
        using var client = await RawConnection.OpenAsync(server.Endpoint);

        await client.SendAsync("GET /app.css HTTP/1.1\r\nHost: a\r\n\r\n");
        var response = await client.ReadResponseAsync();
        Assert.Equal(200, response.Status);
        Assert.Equal("text/css; charset=utf-8", response.Header("Content-Type"));
        Assert.Equal(Css, response.BodyText);
        var etag = response.Header("ETag");
        Assert.NotNull(etag);
        Assert.Matches("^\"[^\"]+\"$", etag);

        await client.SendAsync($"GET /app.css HTTP/1.1\r\nHost: a\r\nIf-None-Match: \"other\", {etag}\r\n\r\n");
        var notModified = await client.ReadResponseAsync();
        Assert.Equal(304, notModified.Status);
        Assert.Equal(etag, notModified.Header("ETag"));

        // Nothing followed the 304 head: the next response starts right after it.
        await client.SendAsync("GET /app.css HTTP/1.1\r\nHost: a\r\nIf-None-Match: \"other\"\r\n\r\n");
        Assert.Equal(200, (await client.ReadResponseAsync()).Status);
    }

    [Fact]
    public async Task Directory_path_serves_index_html()
    {
        await using var server = NewServer();
        using var client = await RawConnection.OpenAsync(server.Endpoint);

        await client.SendAsync("GET / HTTP/1.1\r\nHost: a\r\n\r\nGET /sub/ HTTP/1.1\r\nHost: a\r\n\r\n");

        var root = await client.ReadResponseAsync();
        Assert.Equal((200, "<h1>home</h1>"), (root.Status, root.BodyText));
        Assert.Equal("text/html; charset=utf-8", root.Header("Content-Type"));
        var sub = await client.ReadResponseAsync();
        Assert.Equal((200, "<h1>sub</h1>"), (sub.Status, sub.BodyText));
    }

    [Fact]
    public async Task HEAD_sends_the_headers_without_the_body()
    {
        await using var server = NewServer();
        using var client = await RawConnection.OpenAsync(server.Endpoint);

        await client.SendAsync("HEAD /app.css HTTP/1.1\r\nHost: a\r\n\r\nGET /conn HTTP/1.1\r\nHost: a\r\n\r\n");

        var head = await client.ReadResponseAsync(head: true);
        Assert.Equal(200, head.Status);
        Assert.Equal(Css.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), head.Header("Content-Length"));
        Assert.NotNull(head.Header("ETag"));

        // Had a body followed the HEAD response, this would parse it as a status line and fail.
        Assert.Equal(200, (await client.ReadResponseAsync()).Status);
    }

    [Theory]
    [InlineData("/missing.txt")]
    [InlineData("/sub/missing.html")]
    [InlineData("/app.css/")]
    [InlineData("/.hidden")]
    public async Task Missing_or_hidden_files_get_404(string path)
    {
        await using var server = NewServer();
        using var client = await RawConnection.OpenAsync(server.Endpoint);

        await client.SendAsync($"GET {path} HTTP/1.1\r\nHost: a\r\n\r\n");

        Assert.Equal(404, (await client.ReadResponseAsync()).Status);
    }

    [Theory]
    [InlineData("/../secret.txt")]
    [InlineData("/%2e%2e/secret.txt")]
    [InlineData("/%2E%2E/secret.txt")]
    [InlineData("/..%2fsecret.txt")]
    [InlineData("/..%2Fsecret.txt")]
    [InlineData("/%2e%2e%2fsecret.txt")]
    [InlineData("/.%2e/secret.txt")]
    [InlineData("/sub/../../secret.txt")]
    [InlineData("/sub/%2e%2e/%2e%2e/secret.txt")]
    [InlineData("/..\\secret.txt")]
    [InlineData("/..%5csecret.txt")]
    [InlineData("/%252e%252e/secret.txt")]
    [InlineData("//secret.txt")]
    [InlineData("/sub/..%00/secret.txt")]
    [InlineData("http://a/../secret.txt")]
    public async Task Traversal_attempts_never_serve_a_file_outside_the_root(string target)
    {
        await using var server = NewServer();
        using var client = await RawConnection.OpenAsync(server.Endpoint);

        await client.SendAsync($"GET {target} HTTP/1.1\r\nHost: a\r\n\r\n");

        var response = await client.ReadResponseAsync();
        Assert.InRange(response.Status, 400, 499);
        Assert.DoesNotContain(TestHttpServer.SecretContent, response.BodyText, StringComparison.Ordinal);
    }

    private static TestHttpServer NewServer()
    {
        var server = new TestHttpServer();
        File.WriteAllText(Path.Combine(server.StaticRoot, "app.css"), Css);
        File.WriteAllText(Path.Combine(server.StaticRoot, "index.html"), "<h1>home</h1>");
        File.WriteAllText(Path.Combine(server.StaticRoot, ".hidden"), "hidden");
        Directory.CreateDirectory(Path.Combine(server.StaticRoot, "sub"));
        File.WriteAllText(Path.Combine(server.StaticRoot, "sub", "index.html"), "<h1>sub</h1>");
        return server;
    }
}
