using System.Text;

namespace SocketIo.Protocol.Http;

/// <summary>Recognizes <see cref="HttpKnownHeader"/> names: a switch on length, then one case-insensitive compare.</summary>
internal static class HttpKnownHeaders
{
    /// <summary>Number of <see cref="HttpKnownHeader"/> values, for per-header tables.</summary>
    public const int Count = (int)HttpKnownHeader.XForwardedHost + 1;

    /// <summary>The known header called <paramref name="name"/> (any case), or <see cref="HttpKnownHeader.None"/>.</summary>
    public static HttpKnownHeader Identify(ReadOnlySpan<byte> name)
    {
        // The length switch leaves at most three candidates, and Ascii.EqualsIgnoreCase is vectorized.
        switch (name.Length)
        {
            case 4:
                return Is(name, "host"u8, HttpKnownHeader.Host);
            case 6:
                return (name[0] | 0x20) switch
                {
                    'c' => Is(name, "cookie"u8, HttpKnownHeader.Cookie),
                    'e' => Is(name, "expect"u8, HttpKnownHeader.Expect),
                    'o' => Is(name, "origin"u8, HttpKnownHeader.Origin),
                    _ => HttpKnownHeader.None,
                };
            case 7:
                return Is(name, "upgrade"u8, HttpKnownHeader.Upgrade);
            case 10:
                return (name[0] | 0x20) == 'c'
                    ? Is(name, "connection"u8, HttpKnownHeader.Connection)
                    : Is(name, "user-agent"u8, HttpKnownHeader.UserAgent);
            case 12:
                return Is(name, "content-type"u8, HttpKnownHeader.ContentType);
            case 13:
                return (name[0] | 0x20) == 'i'
                    ? Is(name, "if-none-match"u8, HttpKnownHeader.IfNoneMatch)
                    : Is(name, "authorization"u8, HttpKnownHeader.Authorization);
            case 14:
                return Is(name, "content-length"u8, HttpKnownHeader.ContentLength);
            case 15:
                return (name[0] | 0x20) == 'a'
                    ? Is(name, "accept-encoding"u8, HttpKnownHeader.AcceptEncoding)
                    : Is(name, "x-forwarded-for"u8, HttpKnownHeader.XForwardedFor);
            case 16:
                return Is(name, "x-forwarded-host"u8, HttpKnownHeader.XForwardedHost);
            case 17:
                return (name[0] | 0x20) switch
                {
                    't' => Is(name, "transfer-encoding"u8, HttpKnownHeader.TransferEncoding),
                    's' => Is(name, "sec-websocket-key"u8, HttpKnownHeader.SecWebSocketKey),
                    'x' => Is(name, "x-forwarded-proto"u8, HttpKnownHeader.XForwardedProto),
                    _ => HttpKnownHeader.None,
                };
            case 21:
                return Is(name, "sec-websocket-version"u8, HttpKnownHeader.SecWebSocketVersion);
            case 22:
                return Is(name, "sec-websocket-protocol"u8, HttpKnownHeader.SecWebSocketProtocol);
            case 24:
                return Is(name, "sec-websocket-extensions"u8, HttpKnownHeader.SecWebSocketExtensions);
            case 29:
                return Is(name, "access-control-request-method"u8, HttpKnownHeader.AccessControlRequestMethod);
            case 30:
                return Is(name, "access-control-request-headers"u8, HttpKnownHeader.AccessControlRequestHeaders);
            default:
                return HttpKnownHeader.None;
        }
    }

    /// <summary>The lower-case name of <paramref name="header"/> (empty for <see cref="HttpKnownHeader.None"/>).</summary>
    public static ReadOnlySpan<byte> GetName(HttpKnownHeader header) => header switch
    {
        HttpKnownHeader.Host => "host"u8,
        HttpKnownHeader.Connection => "connection"u8,
        HttpKnownHeader.Upgrade => "upgrade"u8,
        HttpKnownHeader.ContentLength => "content-length"u8,
        HttpKnownHeader.TransferEncoding => "transfer-encoding"u8,
        HttpKnownHeader.Expect => "expect"u8,
        HttpKnownHeader.Origin => "origin"u8,
        HttpKnownHeader.Cookie => "cookie"u8,
        HttpKnownHeader.ContentType => "content-type"u8,
        HttpKnownHeader.AcceptEncoding => "accept-encoding"u8,
        HttpKnownHeader.IfNoneMatch => "if-none-match"u8,
        HttpKnownHeader.UserAgent => "user-agent"u8,
        HttpKnownHeader.Authorization => "authorization"u8,
        HttpKnownHeader.SecWebSocketKey => "sec-websocket-key"u8,
        HttpKnownHeader.SecWebSocketVersion => "sec-websocket-version"u8,
        HttpKnownHeader.SecWebSocketProtocol => "sec-websocket-protocol"u8,
        HttpKnownHeader.SecWebSocketExtensions => "sec-websocket-extensions"u8,
        HttpKnownHeader.AccessControlRequestMethod => "access-control-request-method"u8,
        HttpKnownHeader.AccessControlRequestHeaders => "access-control-request-headers"u8,
        HttpKnownHeader.XForwardedFor => "x-forwarded-for"u8,
        HttpKnownHeader.XForwardedProto => "x-forwarded-proto"u8,
        HttpKnownHeader.XForwardedHost => "x-forwarded-host"u8,
        _ => [],
    };

    private static HttpKnownHeader Is(ReadOnlySpan<byte> name, ReadOnlySpan<byte> lowerName, HttpKnownHeader header)
        => Ascii.EqualsIgnoreCase(name, lowerName) ? header : HttpKnownHeader.None;
}
