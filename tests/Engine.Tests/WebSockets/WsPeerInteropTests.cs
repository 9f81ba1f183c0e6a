using System.Text.Json;
using SocketIo.Engine.Tests.Support;

namespace SocketIo.Engine.Tests.WebSockets;

/// <summary>The npm <c>ws</c> client (tests/peers/ws-client.mjs) against the echo endpoint, one scenario per test.</summary>
public sealed class WsPeerInteropTests
{
    [Fact]
    public async Task Text_message_echo()
    {
        var result = await RunAsync("text");
        Assert.False(result.GetProperty("isBinary").GetBoolean());
        Assert.Equal("héllo wörld ✓", result.GetProperty("text").GetString());
        AssertClosed(result, 1000);
    }

    [Fact]
    public async Task Binary_message_echo()
    {
        var result = await RunAsync("binary");
        Assert.True(result.GetProperty("isBinary").GetBoolean());
        Assert.Equal("0001027f80feff", result.GetProperty("hex").GetString());
        AssertClosed(result, 1000);
    }

    [Fact]
    public async Task Fragmented_messages_are_reassembled()
    {
        var result = await RunAsync("fragments");
        Assert.Equal("fragment ✓", result.GetProperty("text").GetString());
        Assert.False(result.GetProperty("textIsBinary").GetBoolean());
        Assert.Equal("010203", result.GetProperty("binary").GetString());
        Assert.True(result.GetProperty("binaryIsBinary").GetBoolean());
        AssertClosed(result, 1000);
    }

    [Fact]
    public async Task Ping_gets_a_pong_with_the_same_payload_and_unsolicited_pongs_are_ignored()
    {
        var result = await RunAsync("ping");
        Assert.Equal("ping-payload", result.GetProperty("pong").GetString());
        Assert.Equal("after", result.GetProperty("after").GetString());
        AssertClosed(result, 1000);
    }

    [Fact]
    public async Task Client_close_code_4000_is_echoed_back()
    {
        var result = await RunAsync("close");
        AssertClosed(result, 4000);
    }

    [Fact]
    public async Task Server_initiated_close_code_reaches_the_client()
    {
        var result = await RunAsync("server-close", "/ws-cmd");
        AssertClosed(result, 4001);
        Assert.Equal("server says bye", result.GetProperty("close").GetProperty("reason").GetString());
    }

    [Fact]
    public async Task One_MiB_binary_and_text_messages_round_trip_intact()
    {
        var result = await RunAsync("big");
        Assert.Equal(1024 * 1024, result.GetProperty("binaryLength").GetInt32());
        Assert.True(result.GetProperty("binaryEqual").GetBoolean());
        Assert.Equal(1024 * 1024, result.GetProperty("textLength").GetInt32());
        Assert.True(result.GetProperty("textEqual").GetBoolean());
        AssertClosed(result, 1000);
    }

    [Fact]
    public async Task A_burst_of_1000_mixed_messages_comes_back_in_order()
    {
        var result = await RunAsync("burst");
        Assert.Equal(1000, result.GetProperty("count").GetInt32());
        Assert.True(result.GetProperty("inOrder").GetBoolean());
        AssertClosed(result, 1000);
    }

    private static async Task<JsonElement> RunAsync(string scenario, string path = "/echo")
    {
        await using var server = new TestHttpServer();
        var result = await NodePeer.RunAsync("ws-client.mjs", server.WsUri(path).ToString(), scenario);
        Assert.False(result.TryGetProperty("error", out var error), error.ToString());
        return result;
    }

    private static void AssertClosed(JsonElement result, int code) =>
        Assert.Equal(code, result.GetProperty("close").GetProperty("code").GetInt32());
}
