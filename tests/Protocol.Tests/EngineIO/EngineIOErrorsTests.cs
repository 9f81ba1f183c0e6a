using System.Buffers;
using System.Text;
using SocketIo.Protocol.EngineIO;

namespace SocketIo.Protocol.Tests.EngineIO;

public sealed class EngineIOErrorsTests
{
    [Theory]
    [InlineData((int)EngineIOErrorCode.TransportUnknown, 400, "{\"code\":0,\"message\":\"Transport unknown\"}")]
    [InlineData((int)EngineIOErrorCode.UnknownSid, 400, "{\"code\":1,\"message\":\"Session ID unknown\"}")]
    [InlineData((int)EngineIOErrorCode.BadHandshakeMethod, 400, "{\"code\":2,\"message\":\"Bad handshake method\"}")]
    [InlineData((int)EngineIOErrorCode.BadRequest, 400, "{\"code\":3,\"message\":\"Bad request\"}")]
    [InlineData((int)EngineIOErrorCode.Forbidden, 403, "{\"code\":4,\"message\":\"Forbidden\"}")]
    [InlineData((int)EngineIOErrorCode.UnsupportedProtocolVersion, 400, "{\"code\":5,\"message\":\"Unsupported protocol version\"}")]
    public void Error_body_uses_the_exact_reference_message(int codeValue, int status, string body)
    {
        var code = (EngineIOErrorCode)codeValue;
        var output = new ArrayBufferWriter<byte>();
        EngineIOErrors.WriteBody(output, code);
        Assert.Equal(body, Encoding.UTF8.GetString(output.WrittenSpan));
        Assert.Equal(body.Length, EngineIOErrors.GetBodyLength(code));
        Assert.Equal(status, EngineIOErrors.GetHttpStatusCode(code));
        Assert.Equal((int)code, (int)System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("code").GetInt32());
    }

    [Fact]
    public void Forbidden_with_the_hooks_text_is_escaped()
    {
        var output = new ArrayBufferWriter<byte>();
        EngineIOErrors.WriteBody(output, EngineIOErrorCode.Forbidden, "no \"you\" \u2028 😀");
        Assert.Equal("{\"code\":4,\"message\":\"no \\\"you\\\" \u2028 😀\"}", Encoding.UTF8.GetString(output.WrittenSpan));
    }

    [Fact]
    public void Unknown_code_is_a_caller_error()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => EngineIOErrors.GetMessage((EngineIOErrorCode)6));
        Assert.Throws<ArgumentException>(() => EngineIOErrors.WriteBody(new byte[100], (EngineIOErrorCode)6, "x"));
    }
}
