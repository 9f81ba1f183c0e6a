using System.Buffers;

using SocketIo.Protocol.Json;

namespace SocketIo.Protocol.EngineIO;

/// <summary>
/// The Engine.IO HTTP error responses (PROTOCOL.md 1.2): the exact reference messages, the status code, and the
/// body <c>{"code":N,"message":"..."}</c>.
/// </summary>
internal static class EngineIOErrors
{
    private static ReadOnlySpan<byte> CodeKey => "{\"code\":"u8;
    private static ReadOnlySpan<byte> MessageKey => ",\"message\":\""u8;
    private static ReadOnlySpan<byte> End => "\"}"u8;

    /// <summary>The reference message for <paramref name="code"/>, e.g. <c>Session ID unknown</c>.</summary>
    public static string GetMessage(EngineIOErrorCode code) => code switch
    {
        EngineIOErrorCode.TransportUnknown => "Transport unknown",
        EngineIOErrorCode.UnknownSid => "Session ID unknown",
        EngineIOErrorCode.BadHandshakeMethod => "Bad handshake method",
        EngineIOErrorCode.BadRequest => "Bad request",
        EngineIOErrorCode.Forbidden => "Forbidden",
        EngineIOErrorCode.UnsupportedProtocolVersion => "Unsupported protocol version",
        _ => throw new ArgumentOutOfRangeException(nameof(code), code, "Not an Engine.IO error code."),
    };

    /// <summary>The HTTP status of a plain (non-upgrade) request failing with <paramref name="code"/>: 403 for
    /// <see cref="EngineIOErrorCode.Forbidden"/>, else 400.</summary>
    public static int GetHttpStatusCode(EngineIOErrorCode code) => code == EngineIOErrorCode.Forbidden ? 403 : 400;

    /// <summary>Length of the body with the reference message.</summary>
    public static int GetBodyLength(EngineIOErrorCode code) => GetBodyLength(code, GetMessage(code));

    /// <summary>Length of the body with a custom <paramref name="message"/> (the <c>allowRequest</c> hook's text).</summary>
    public static int GetBodyLength(EngineIOErrorCode code, ReadOnlySpan<char> message) =>
        CodeKey.Length + 1 + MessageKey.Length + JsonCharEscaper.GetEscapedLength(message) + End.Length;

    /// <summary>Writes <c>{"code":N,"message":"..."}</c> with the reference message; returns the bytes written.</summary>
    public static int WriteBody(Span<byte> destination, EngineIOErrorCode code) => WriteBody(destination, code, GetMessage(code));

    /// <summary>Writes <c>{"code":N,"message":"..."}</c> with <paramref name="message"/> escaped as
    /// <c>JSON.stringify</c> would; returns the bytes written.</summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than <see cref="GetBodyLength(EngineIOErrorCode, ReadOnlySpan{char})"/>.</exception>
    public static int WriteBody(Span<byte> destination, EngineIOErrorCode code, ReadOnlySpan<char> message)
    {
        var length = GetBodyLength(code, message);
        if (destination.Length < length || code > EngineIOErrorCode.UnsupportedProtocolVersion)
        {
            throw new ArgumentException("The destination is too short or the code is unknown.", nameof(destination));
        }

        CodeKey.CopyTo(destination);
        var n = CodeKey.Length;
        destination[n++] = (byte)('0' + (int)code);
        MessageKey.CopyTo(destination[n..]);
        n += MessageKey.Length;
        n += JsonCharEscaper.Write(message, destination[n..]);
        End.CopyTo(destination[n..]);
        return n + End.Length;
    }

    /// <summary>Writes the body with the reference message into <paramref name="output"/>.</summary>
    public static void WriteBody(IBufferWriter<byte> output, EngineIOErrorCode code) => WriteBody(output, code, GetMessage(code));

    /// <summary>Writes the body with <paramref name="message"/> into <paramref name="output"/>.</summary>
    public static void WriteBody(IBufferWriter<byte> output, EngineIOErrorCode code, ReadOnlySpan<char> message)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.Advance(WriteBody(output.GetSpan(GetBodyLength(code, message)), code, message));
    }
}
