using System.Buffers;
using System.Text;
using SocketIo.Protocol.WebSockets;

namespace SocketIo.Protocol.Tests.WebSockets;

public sealed class WebSocketHandshakeTests
{
    private const string Key = "dGhlIHNhbXBsZSBub25jZQ==";

    private static WebSocketHandshakeResult Validate(
        string method = "GET", bool http11 = true, bool host = true, string upgrade = "websocket",
        string connection = "Upgrade", string key = Key, string version = "13") =>
        WebSocketHandshake.Validate(new WebSocketHandshakeRequest
        {
            Method = Encoding.ASCII.GetBytes(method),
            IsHttp11OrLater = http11,
            HasHost = host,
            Upgrade = Encoding.ASCII.GetBytes(upgrade),
            Connection = Encoding.ASCII.GetBytes(connection),
            SecWebSocketKey = Encoding.ASCII.GetBytes(key),
            SecWebSocketVersion = Encoding.ASCII.GetBytes(version),
        });

    [Fact]
    public void Rfc_test_vector_accept_key()
    {
        Assert.Equal("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", WebSocketHandshake.ComputeAcceptString(Encoding.ASCII.GetBytes(Key)));
        Assert.Equal("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", WebSocketHandshake.ComputeAcceptString(Encoding.ASCII.GetBytes(" " + Key + "\t")));
    }

    [Fact]
    public void Valid_request_is_accepted()
    {
        Assert.Equal(WebSocketHandshakeResult.Ok, Validate());
    }

    [Theory]
    [InlineData("websocket", "upgrade")]
    [InlineData("WebSocket", "keep-alive, Upgrade")]
    [InlineData("h2c, websocket", "Upgrade,keep-alive")]
    [InlineData(" websocket ", " UPGRADE ")]
    [InlineData("foo,,websocket", ",upgrade,")]
    public void Token_lists_are_case_insensitive_comma_lists(string upgrade, string connection)
    {
        Assert.Equal(WebSocketHandshakeResult.Ok, Validate(upgrade: upgrade, connection: connection));
    }

    [Theory]
    [InlineData("POST", true, true, "websocket", "Upgrade", Key)]
    [InlineData("get", true, true, "websocket", "Upgrade", Key)]
    [InlineData("GET", false, true, "websocket", "Upgrade", Key)]
    [InlineData("GET", true, false, "websocket", "Upgrade", Key)]
    [InlineData("GET", true, true, "", "Upgrade", Key)]
    [InlineData("GET", true, true, "websockets", "Upgrade", Key)]
    [InlineData("GET", true, true, "h2c", "Upgrade", Key)]
    [InlineData("GET", true, true, "websocket", "", Key)]
    [InlineData("GET", true, true, "websocket", "keep-alive", Key)]
    [InlineData("GET", true, true, "websocket", "upgrades", Key)]
    [InlineData("GET", true, true, "websocket", "Upgrade", "")]
    [InlineData("GET", true, true, "websocket", "Upgrade", "dGhlIHNhbXBsZSBub25jZQ")]
    [InlineData("GET", true, true, "websocket", "Upgrade", "dGhlIHNhbXBsZSBub25jZQ=")]
    [InlineData("GET", true, true, "websocket", "Upgrade", "dGhlIHNhbXBsZSBub25jZQ===")]
    [InlineData("GET", true, true, "websocket", "Upgrade", "dGhlIHNhbXBsZSBub25j")]
    [InlineData("GET", true, true, "websocket", "Upgrade", "dGhlIHNhbXBsZSBub25jZQ==, dGhlIHNhbXBsZSBub25jZQ==")]
    [InlineData("GET", true, true, "websocket", "Upgrade", "dGhlIHNhbXBsZSBub25jZXM=")]
    [InlineData("GET", true, true, "websocket", "Upgrade", "dGhlIHNhbXBsZSBub25jZ!==")]
    [InlineData("GET", true, true, "websocket", "Upgrade", "dGhlIHNhbXBs ZSBub25jZ==")]
    [InlineData("GET", true, true, "websocket", "Upgrade", "dGhlIHNhbXBsZSBub25j_Q==")]
    public void Invalid_request_is_rejected_with_400(string method, bool http11, bool host, string upgrade, string connection, string key)
    {
        var result = Validate(method, http11, host, upgrade, connection, key);
        Assert.Equal(WebSocketHandshakeResult.BadRequest, result);
        Assert.Equal(400, WebSocketHandshake.GetStatusCode(result));
    }

    [Theory]
    [InlineData("")]
    [InlineData("8")]
    [InlineData("12")]
    [InlineData("14")]
    [InlineData("13, 8")]
    [InlineData("013")]
    public void Other_versions_get_426(string version)
    {
        var result = Validate(version: version);
        Assert.Equal(WebSocketHandshakeResult.UpgradeRequired, result);
        Assert.Equal(426, WebSocketHandshake.GetStatusCode(result));
        Assert.Contains("Sec-WebSocket-Version: 13\r\n", Encoding.ASCII.GetString(WebSocketHandshake.GetRejectResponse(result)), StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_request_wins_over_a_bad_version()
    {
        Assert.Equal(WebSocketHandshakeResult.BadRequest, Validate(key: "x", version: "8"));
        Assert.Equal(WebSocketHandshakeResult.Ok, Validate(version: " 13 "));
    }

    [Fact]
    public void Reject_responses_are_complete_and_close_the_connection()
    {
        var writer = new ArrayBufferWriter<byte>();
        WebSocketHandshake.WriteRejectResponse(writer, WebSocketHandshakeResult.BadRequest);
        Assert.Equal("HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n", Encoding.ASCII.GetString(writer.WrittenSpan));
        Assert.Throws<ArgumentOutOfRangeException>(() => WebSocketHandshake.GetRejectResponse(WebSocketHandshakeResult.Ok).Length);
    }

    [Fact]
    public void Accept_response_has_the_exact_bytes()
    {
        var writer = new ArrayBufferWriter<byte>();
        WebSocketHandshake.WriteAcceptResponse(writer, Encoding.ASCII.GetBytes(Key), []);
        Assert.Equal(
            "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n",
            Encoding.ASCII.GetString(writer.WrittenSpan));
        Assert.Equal(writer.WrittenCount, WebSocketHandshake.GetAcceptResponseLength(0));
    }

    [Fact]
    public void Accept_response_names_the_selected_subprotocol_and_extra_headers_but_never_extensions()
    {
        var selector = new WebSocketSubprotocolList("mqtt", "chat");
        var chosen = WebSocketHandshake.SelectSubprotocol(" superchat, chat , mqtt"u8, ref selector);
        Assert.Equal("chat", Encoding.ASCII.GetString(chosen));

        var buffer = new byte[WebSocketHandshake.GetAcceptResponseLength(chosen.Length, 15)];
        var written = WebSocketHandshake.WriteAcceptResponse(buffer, Encoding.ASCII.GetBytes(Key), chosen, "Set-Cookie: a\r\n"u8);
        Assert.Equal(buffer.Length, written);
        var text = Encoding.ASCII.GetString(buffer);
        Assert.EndsWith("Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\nSec-WebSocket-Protocol: chat\r\nSet-Cookie: a\r\n\r\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Extensions", text, StringComparison.Ordinal);
    }

    [Fact]
    public void No_subprotocol_is_selected_when_none_is_supported()
    {
        var selector = new WebSocketSubprotocolList("mqtt");
        Assert.True(WebSocketHandshake.SelectSubprotocol("chat, MQTT"u8, ref selector).IsEmpty);
        Assert.True(WebSocketHandshake.SelectSubprotocol(""u8, ref selector).IsEmpty);
    }

    [Theory]
    [InlineData("permessage-deflate; client_max_window_bits", true)]
    [InlineData("x-webkit-deflate-frame, PerMessage-Deflate", true)]
    [InlineData("x-webkit-deflate-frame", false)]
    [InlineData("", false)]
    public void Permessage_deflate_offers_are_recognised_and_declined(string offered, bool offersDeflate)
    {
        var bytes = Encoding.ASCII.GetBytes(offered);
        Assert.Equal(offersDeflate, WebSocketExtensionNegotiation.OffersPerMessageDeflate(bytes));
        Assert.Equal(WebSocketExtensions.None, WebSocketExtensionNegotiation.Negotiate(bytes));
    }

    [Fact]
    public void Validating_and_answering_allocates_nothing()
    {
        var key = Encoding.ASCII.GetBytes(Key);
        var buffer = new byte[256];
        var request = new WebSocketHandshakeRequest
        {
            Method = "GET"u8, IsHttp11OrLater = true, HasHost = true, Upgrade = "websocket"u8,
            Connection = "keep-alive, Upgrade"u8, SecWebSocketKey = key, SecWebSocketVersion = "13"u8,
        };
        WebSocketHandshake.Validate(request);
        WebSocketHandshake.WriteAcceptResponse(buffer, key, []);
        var accepted = 0;
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 20; i++)
        {
            accepted += WebSocketHandshake.Validate(request) == WebSocketHandshakeResult.Ok ? 1 : 0;
            WebSocketHandshake.WriteAcceptResponse(buffer, key, []);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(20, accepted);
    }
}
