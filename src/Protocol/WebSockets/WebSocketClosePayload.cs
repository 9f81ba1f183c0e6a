using System.Buffers.Binary;
using System.Text.Unicode;

namespace SocketIo.Protocol.WebSockets;

/// <summary>Parses and checks the payload of a Close frame (RFC 6455 §5.5.1, §7.4).</summary>
internal static class WebSocketClosePayload
{
    /// <summary>
    /// Checks an unmasked Close payload: empty (no code: <paramref name="code"/> is
    /// <see cref="WebSocketCloseCode.NoStatusReceived"/>), or a valid 2-byte big-endian code followed by a
    /// UTF-8 reason (returned in <paramref name="reason"/>).
    /// </summary>
    public static WebSocketFrameError Parse(ReadOnlySpan<byte> payload, out ushort code, out ReadOnlySpan<byte> reason)
    {
        reason = default;
        code = WebSocketCloseCode.NoStatusReceived;
        if (payload.IsEmpty)
        {
            return WebSocketFrameError.None;
        }

        if (payload.Length < WebSocketProtocol.CloseCodeLength)
        {
            return WebSocketFrameError.CloseCodeTruncated;
        }

        var received = BinaryPrimitives.ReadUInt16BigEndian(payload);
        if (!WebSocketCloseCode.IsValidOnWire(received))
        {
            return WebSocketFrameError.InvalidCloseCode;
        }

        var text = payload[WebSocketProtocol.CloseCodeLength..];
        if (!Utf8.IsValid(text))
        {
            return WebSocketFrameError.InvalidCloseReason;
        }

        code = received;
        reason = text;
        return WebSocketFrameError.None;
    }
}
