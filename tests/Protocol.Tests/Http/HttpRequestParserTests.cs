using System.Buffers;
using System.Text;
using SocketIo.Fuzz;
using SocketIo.Protocol.Http;
using static SocketIo.Protocol.Tests.Http.HttpTestRequests;

namespace SocketIo.Protocol.Tests.Http;

public sealed class HttpRequestParserTests
{
    private readonly HttpRequestParser _parser = new();
    private readonly HttpRequestHead _head = new();

    private (HttpParseStatus Status, HttpParseError Error, long Consumed) Parse(ReadOnlySequence<byte> input, HttpRequestHead? head = null)
    {
        var status = _parser.Parse(input, head ?? _head, out var consumed, out var error);
        return (status, error, input.Slice(0, consumed).Length);
    }

    private (HttpParseStatus Status, HttpParseError Error, long Consumed) Parse(string s) => Parse(new ReadOnlySequence<byte>(Bytes(s)));

    private static string Text(ReadOnlySpan<byte> span) => Encoding.Latin1.GetString(span);

    [Fact]
    public void Simple_get_is_parsed()
    {
        var r = Parse(SimpleGet);
        Assert.Equal((HttpParseStatus.Done, HttpParseError.None, (long)SimpleGet.Length), r);
        Assert.Equal(HttpRequestMethod.Get, _head.Method);
        Assert.Equal("GET", Text(_head.MethodText));
        Assert.Equal(HttpRequestVersion.Http11, _head.Version);
        Assert.Equal(HttpRequestTargetForm.Origin, _head.TargetForm);
        Assert.Equal("/index.html?x=1", Text(_head.Target));
        Assert.Equal("/index.html", Text(_head.Path));
        Assert.True(_head.HasQuery);
        Assert.Equal("x=1", Text(_head.Query));
        Assert.Equal("example.com", Text(_head.Authority));
        Assert.Equal(2, _head.HeaderCount);
        Assert.Equal("User-Agent", Text(_head.GetName(1)));
        Assert.Equal("test", Text(_head.GetValue(HttpKnownHeader.UserAgent)));
        Assert.Equal(HttpBodyFraming.None, _head.Framing);
        Assert.Equal(-1, _head.ContentLength);
        Assert.True(_head.KeepAlive);
        Assert.False(_head.ExpectContinue);
        Assert.Equal(SimpleGet, Text(_head.Raw));
    }

    [Fact]
    public void Post_with_content_length_stops_before_the_body()
    {
        var r = Parse(PostWithBody);
        Assert.Equal(HttpParseStatus.Done, r.Status);
        Assert.Equal(PostWithBody.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4, r.Consumed);
        Assert.Equal(HttpRequestMethod.Post, _head.Method);
        Assert.Equal(HttpBodyFraming.ContentLength, _head.Framing);
        Assert.Equal(11, _head.ContentLength);
        Assert.Equal("text/plain;charset=UTF-8", Text(_head.GetValue(HttpKnownHeader.ContentType)));
        Assert.True(HttpQuery.ValueEquals(_head.Query, "sid"u8, "abc"u8));
    }

    [Fact]
    public void Chunked_post_sets_chunked_framing()
    {
        var r = Parse(ChunkedPost);
        Assert.Equal(HttpParseStatus.Done, r.Status);
        Assert.Equal(HttpBodyFraming.Chunked, _head.Framing);
        Assert.Equal(-1, _head.ContentLength);
    }

    [Fact]
    public void WebSocket_upgrade_headers_are_recognized()
    {
        Assert.Equal(HttpParseStatus.Done, Parse(WebSocketUpgrade).Status);
        Assert.True(_head.IsWebSocketUpgrade);
        Assert.True(_head.ConnectionUpgrade);
        Assert.Equal("dGhlIHNhbXBsZSBub25jZQ==", Text(_head.GetValue(HttpKnownHeader.SecWebSocketKey)));
        Assert.Equal("13", Text(_head.GetValue(HttpKnownHeader.SecWebSocketVersion)));
        Assert.Equal("http://localhost:3000", Text(_head.GetValue(HttpKnownHeader.Origin)));
        Assert.True(_head.HasToken(HttpKnownHeader.SecWebSocketExtensions, "permessage-deflate; client_max_window_bits"u8));
        Assert.True(_head.TryGetValue("accept-language"u8, out var language));
        Assert.Equal("en-US,en;q=0.9", Text(language));
        Assert.False(_head.TryGetValue("x-missing"u8, out _));
    }

    [Fact]
    public void Polling_get_exposes_query_and_cookie()
    {
        Assert.Equal(HttpParseStatus.Done, Parse(PollingGet).Status);
        Assert.False(_head.IsWebSocketUpgrade);
        Assert.Equal("/socket.io/", Text(_head.Path));
        Assert.True(HttpQuery.ValueEquals(_head.Query, "transport"u8, "polling"u8));
        Assert.True(HttpQuery.ValueEquals(_head.Query, "EIO"u8, "4"u8));
        Assert.Equal("io=lv_VI97HAXpY6yYWAAAC", Text(_head.GetValue(HttpKnownHeader.Cookie)));
        Assert.Equal("http://localhost:8080", Text(_head.GetValue(HttpKnownHeader.Origin)));
    }

    [Fact]
    public void Pipelined_requests_in_one_buffer_parse_in_order()
    {
        var all = Bytes(SimpleGet + PostWithBody + WebSocketUpgrade);
        var buffer = new ReadOnlySequence<byte>(all);

        var first = Parse(buffer);
        Assert.Equal(HttpParseStatus.Done, first.Status);
        Assert.Equal(HttpRequestMethod.Get, _head.Method);
        buffer = buffer.Slice(first.Consumed);

        var second = Parse(buffer);
        Assert.Equal(HttpParseStatus.Done, second.Status);
        Assert.Equal(HttpRequestMethod.Post, _head.Method);
        buffer = buffer.Slice(second.Consumed);
        var reader = new SequenceReader<byte>(buffer);
        var body = new HttpContentLengthReader(_head.ContentLength);
        var writer = new ArrayBufferWriter<byte>();
        Assert.Equal(HttpBodyStatus.Done, body.CopyTo(ref reader, writer));
        Assert.Equal("42[\"hi\",1]x", Text(writer.WrittenSpan));
        buffer = buffer.Slice(reader.Position);

        var third = Parse(buffer);
        Assert.Equal(HttpParseStatus.Done, third.Status);
        Assert.True(_head.IsWebSocketUpgrade);
        Assert.Equal(buffer.Length, third.Consumed);
    }

    public static TheoryData<string> ValidRequests() => new() { SimpleGet, PostWithBody, ChunkedPost, WebSocketUpgrade, PollingGet };

    [Theory]
    [MemberData(nameof(ValidRequests))]
    public void Head_split_at_every_position_gives_the_same_result(string request)
    {
        var bytes = Bytes(request);
        var expected = Parse(new ReadOnlySequence<byte>(bytes));
        var expectedRaw = _head.Raw.ToArray();
        Assert.Equal(HttpParseStatus.Done, expected.Status);
        for (var cut = 0; cut <= bytes.Length; cut++)
        {
            var head = new HttpRequestHead();
            Assert.Equal(expected, Parse(HttpSequences.Split(bytes, [cut]), head));
            Assert.Equal(expectedRaw, head.Raw.ToArray());
            Assert.Equal(_head.HeaderCount, head.HeaderCount);
        }

        Assert.Equal(expected, Parse(HttpSequences.Bytewise(bytes), new HttpRequestHead()));
    }

    [Theory]
    [MemberData(nameof(ValidRequests))]
    public void Every_proper_prefix_of_the_head_needs_more_data(string request)
    {
        var bytes = Bytes(request);
        var headLength = request.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4;
        for (var length = 0; length < headLength; length++)
        {
            var r = Parse(new ReadOnlySequence<byte>(bytes, 0, length));
            Assert.Equal((HttpParseStatus.NeedMoreData, HttpParseError.None, 0L), r);
        }
    }

    public static TheoryData<string, int> Malformed()
    {
        var data = new TheoryData<string, int>();
        foreach (var (name, _, status) in MalformedHttpRequests.All)
        {
            data.Add(name, status);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Malformed_request_gets_its_status(string name, int status)
    {
        var bytes = MalformedHttpRequests.All.Single(c => c.Name == name).Request;
        var r = Parse(new ReadOnlySequence<byte>(bytes));
        Assert.Equal(HttpParseStatus.Error, r.Status);
        Assert.Equal(status, r.Error.ToStatusCode());

        // Same answer when the bytes arrive in two pieces, or one byte at a time.
        var cut = bytes.Length / 2;
        Assert.Equal(r, Parse(HttpSequences.Split(bytes, [cut]), new HttpRequestHead()));
        if (bytes.Length < 2000)
        {
            Assert.Equal(r, Parse(HttpSequences.Bytewise(bytes), new HttpRequestHead()));
        }
    }

    [Fact]
    public void Malformed_table_is_large_and_names_are_unique()
    {
        Assert.True(MalformedHttpRequests.All.Count >= 50);
        Assert.Equal(MalformedHttpRequests.All.Count, MalformedHttpRequests.All.Select(c => c.Name).Distinct().Count());
    }

    [Fact]
    public void Bad_request_line_is_reported_before_the_headers_end()
    {
        Assert.Equal((HttpParseStatus.Error, HttpParseError.UnsupportedVersion, 0L), Parse("GET / HTTP/2.0\r\nHost: a\r\n"));
        Assert.Equal((HttpParseStatus.Error, HttpParseError.InvalidMethod, 0L), Parse("G@T / HTTP/1.1\r\n"));
        Assert.Equal(HttpParseError.UriTooLong, Parse("GET /" + new string('a', 9000)).Error);
    }

    [Fact]
    public void Incomplete_oversized_header_section_is_431()
    {
        var r = Parse("GET / HTTP/1.1\r\nHost: a\r\nX: " + new string('v', 16 * 1024));
        Assert.Equal((HttpParseStatus.Error, HttpParseError.HeaderSectionTooLarge), (r.Status, r.Error));
    }

    [Fact]
    public void Leading_empty_lines_are_skipped_and_consumed()
    {
        var r = Parse("\r\n\r\n" + SimpleGet);
        Assert.Equal((HttpParseStatus.Done, (long)(4 + SimpleGet.Length)), (r.Status, r.Consumed));
        Assert.Equal(SimpleGet, Text(_head.Raw));
    }

    [Theory]
    [InlineData("GET / HTTP/1.1\r\nHost: a\r\n\r\n", true)]
    [InlineData("GET / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n", false)]
    [InlineData("GET / HTTP/1.1\r\nHost: a\r\nConnection: keep-alive, CLOSE\r\n\r\n", false)]
    [InlineData("GET / HTTP/1.0\r\n\r\n", false)]
    [InlineData("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n", true)]
    [InlineData("GET / HTTP/1.0\r\nConnection: foo\r\nConnection: keep-alive\r\n\r\n", true)]
    [InlineData("GET / HTTP/1.0\r\nConnection: keep-alive, close\r\n\r\n", false)]
    public void Keep_alive_follows_version_and_connection_tokens(string request, bool keepAlive)
    {
        Assert.Equal(HttpParseStatus.Done, Parse(request).Status);
        Assert.Equal(keepAlive, _head.KeepAlive);
    }

    [Fact]
    public void Expect_100_continue_is_flagged_on_11_and_ignored_on_10()
    {
        Assert.Equal(HttpParseStatus.Done, Parse("POST / HTTP/1.1\r\nHost: a\r\nExpect: 100-Continue\r\nContent-Length: 3\r\n\r\n").Status);
        Assert.True(_head.ExpectContinue);
        Assert.Equal(HttpParseStatus.Done, Parse("POST / HTTP/1.0\r\nExpect: something-else\r\nContent-Length: 3\r\n\r\n").Status);
        Assert.False(_head.ExpectContinue);
    }

    [Fact]
    public void Absolute_form_authority_overrides_host()
    {
        Assert.Equal(HttpParseStatus.Done, Parse("GET HTTP://Example.org:8080/a/b?q=1 HTTP/1.1\r\nHost: other\r\n\r\n").Status);
        Assert.Equal(HttpRequestTargetForm.Absolute, _head.TargetForm);
        Assert.Equal("Example.org:8080", Text(_head.Authority));
        Assert.Equal("/a/b", Text(_head.Path));
        Assert.Equal("q=1", Text(_head.Query));

        Assert.Equal(HttpParseStatus.Done, Parse("GET https://h?x HTTP/1.1\r\nHost: h\r\n\r\n").Status);
        Assert.Equal("/", Text(_head.Path));
        Assert.Equal("x", Text(_head.Query));
    }

    [Fact]
    public void Asterisk_form_is_accepted_for_options()
    {
        Assert.Equal(HttpParseStatus.Done, Parse("OPTIONS * HTTP/1.1\r\nHost: a\r\n\r\n").Status);
        Assert.Equal(HttpRequestTargetForm.Asterisk, _head.TargetForm);
        Assert.Equal("*", Text(_head.Path));
        Assert.False(_head.HasQuery);
    }

    [Theory]
    [InlineData("GET", "Get")]
    [InlineData("HEAD", "Head")]
    [InlineData("POST", "Post")]
    [InlineData("PUT", "Put")]
    [InlineData("DELETE", "Delete")]
    [InlineData("OPTIONS", "Options")]
    [InlineData("PATCH", "Patch")]
    [InlineData("TRACE", "Trace")]
    [InlineData("get", "Custom")]
    [InlineData("PURGE", "Custom")]
    public void Methods_are_recognized_case_sensitively(string method, string expected)
    {
        Assert.Equal(HttpParseStatus.Done, Parse($"{method} / HTTP/1.1\r\nHost: a\r\n\r\n").Status);
        Assert.Equal(Enum.Parse<HttpRequestMethod>(expected), _head.Method);
        Assert.Equal(method, Text(_head.MethodText));
    }

    [Fact]
    public void Every_known_header_is_identified_in_any_case()
    {
        foreach (var header in Enum.GetValues<HttpKnownHeader>().Where(h => h != HttpKnownHeader.None))
        {
            var name = HttpKnownHeaders.GetName(header).ToArray();
            Assert.Equal(header, HttpKnownHeaders.Identify(name));
            Assert.Equal(header, HttpKnownHeaders.Identify(Encoding.ASCII.GetBytes(Encoding.ASCII.GetString(name).ToUpperInvariant())));
        }

        Assert.Equal(HttpKnownHeader.None, HttpKnownHeaders.Identify("hosts"u8));
        Assert.Equal(HttpKnownHeader.None, HttpKnownHeaders.Identify("x-forwarded-fox"u8));
        Assert.Equal(HttpKnownHeader.None, HttpKnownHeaders.Identify(""u8));
    }

    [Fact]
    public void Header_values_are_trimmed_and_may_hold_obs_text_and_tabs()
    {
        Assert.Equal(HttpParseStatus.Done, Parse("GET / HTTP/1.1\r\nHost:a\r\nX-A: \t v\u00e9\tw \t\r\nX-Empty:\r\n\r\n").Status);
        Assert.True(_head.TryGetValue("X-A"u8, out var a));
        Assert.Equal("v\u00e9\tw", Text(a));
        Assert.True(_head.TryGetValue("x-empty"u8, out var empty));
        Assert.True(empty.IsEmpty);
        Assert.Equal("a", Text(_head.Authority));
    }

    [Fact]
    public void Agreeing_content_lengths_are_accepted()
    {
        Assert.Equal(HttpParseStatus.Done, Parse("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5, 5\r\nContent-Length: 005\r\n\r\n").Status);
        Assert.Equal(5, _head.ContentLength);
        Assert.Equal(HttpParseStatus.Done, Parse("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 1000000\r\n\r\n").Status);
        Assert.Equal(1_000_000, _head.ContentLength);
    }

    [Fact]
    public void Limits_come_from_options()
    {
        var parser = new HttpRequestParser(new HttpParserOptions { MaxHeaderCount = 2, MaxRequestBodySize = 10, MaxRequestTargetLength = 4 });
        var head = new HttpRequestHead();
        Assert.Equal(HttpParseError.TooManyHeaders, Run("GET / HTTP/1.1\r\nHost: a\r\nA: 1\r\nB: 2\r\n\r\n"));
        Assert.Equal(HttpParseError.BodyTooLarge, Run("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 11\r\n\r\n"));
        Assert.Equal(HttpParseError.UriTooLong, Run("GET /abcd HTTP/1.1\r\nHost: a\r\n\r\n"));
        Assert.Equal(HttpParseError.None, Run("GET /abc HTTP/1.1\r\nHost: a\r\nA: 1\r\n\r\n"));
        Assert.Throws<ArgumentOutOfRangeException>(() => new HttpRequestParser(new HttpParserOptions { MaxHeaderCount = 0 }));

        HttpParseError Run(string s)
        {
            parser.Parse(new ReadOnlySequence<byte>(Bytes(s)), head, out _, out var error);
            return error;
        }
    }

    [Fact]
    public void Head_survives_the_input_buffer_being_overwritten_and_can_be_released()
    {
        var bytes = Bytes(SimpleGet);
        Assert.Equal(HttpParseStatus.Done, Parse(new ReadOnlySequence<byte>(bytes)).Status);
        Array.Clear(bytes);
        Assert.Equal("/index.html", Text(_head.Path));
        _head.ReleaseBuffer();
        Assert.Equal(0, _head.HeaderCount);
        Assert.True(_head.Raw.IsEmpty);
        Assert.Equal(HttpParseStatus.Done, Parse(SimpleGet).Status);
    }

    [Fact]
    public void Token_list_helper_matches_elements_case_insensitively()
    {
        Assert.True(HttpTokenList.Contains("keep-alive, Upgrade"u8, "upgrade"u8));
        Assert.True(HttpTokenList.Contains(" ,upgrade ,"u8, "upgrade"u8));
        Assert.False(HttpTokenList.Contains("upgraded"u8, "upgrade"u8));
        Assert.False(HttpTokenList.Contains(""u8, "upgrade"u8));
    }
}
