using SocketIo.Protocol.Http;

namespace SocketIo.Protocol.WebSockets;

/// <summary>
/// Extension negotiation (RFC 6455 §9.1). This server declines every offer, permessage-deflate (RFC 7692) included:
/// it is off by default in the Engine.IO reference, and declining is always conformant — the 101 response simply
/// omits <c>Sec-WebSocket-Extensions</c>, and the frame reader keeps rejecting RSV1 with 1002.
/// </summary>
internal static class WebSocketExtensionNegotiation
{
    /// <summary>The extensions to accept given the client's <c>Sec-WebSocket-Extensions</c> value.</summary>
    public static WebSocketExtensions Negotiate(ReadOnlySpan<byte> offered)
    {
        _ = offered;
        return WebSocketExtensions.None;
    }

    /// <summary>True when the client offers permessage-deflate (any parameters), for logging and tests.</summary>
    public static bool OffersPerMessageDeflate(ReadOnlySpan<byte> offered)
    {
        foreach (var offer in new HttpTokenList(offered))
        {
            var semicolon = offer.IndexOf((byte)';');
            var name = HttpCharacters.TrimWhitespace(semicolon < 0 ? offer : offer[..semicolon]);
            if (System.Text.Ascii.EqualsIgnoreCase(name, "permessage-deflate"u8))
            {
                return true;
            }
        }

        return false;
    }
}
