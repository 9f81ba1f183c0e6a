using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

using SocketIo.Protocol.Http;

namespace SocketIo.Protocol.WebSockets;

/// <summary>
/// The server side of the opening handshake (RFC 6455 §4.2): checks the request, computes
/// <c>Sec-WebSocket-Accept</c> and writes the 101 (or the rejection) response. Allocation-free.
/// </summary>
internal static class WebSocketHandshake
{
    /// <summary>Length of a valid <c>Sec-WebSocket-Key</c>: base64 of 16 bytes.</summary>
    public const int KeyLength = 24;

    /// <summary>Length of <c>Sec-WebSocket-Accept</c>: base64 of a 20-byte SHA-1.</summary>
    public const int AcceptLength = 28;

    private const int KeyByteCount = 16;

    /// <summary>The GUID appended to the key before hashing (§1.3).</summary>
    private static ReadOnlySpan<byte> KeyGuid => "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"u8;

    private static ReadOnlySpan<byte> AcceptHead =>
        "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: "u8;

    private static ReadOnlySpan<byte> ProtocolHeader => "\r\nSec-WebSocket-Protocol: "u8;

    private static ReadOnlySpan<byte> BadRequestResponse =>
        "HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n"u8;

    private static ReadOnlySpan<byte> UpgradeRequiredResponse =>
        "HTTP/1.1 426 Upgrade Required\r\nSec-WebSocket-Version: 13\r\nConnection: close\r\nContent-Length: 0\r\n\r\n"u8;

    /// <summary>Checks a request in the order of PROTOCOL.md §4.1 and says how to answer it.</summary>
    public static WebSocketHandshakeResult Validate(in WebSocketHandshakeRequest request)
    {
        if (!request.Method.SequenceEqual("GET"u8) || !request.IsHttp11OrLater || !request.HasHost
            || !HttpTokenList.Contains(request.Upgrade, "websocket"u8)
            || !HttpTokenList.Contains(request.Connection, "upgrade"u8)
            || !IsValidKey(request.SecWebSocketKey))
        {
            return WebSocketHandshakeResult.BadRequest;
        }

        return HttpCharacters.TrimWhitespace(request.SecWebSocketVersion).SequenceEqual("13"u8)
            ? WebSocketHandshakeResult.Ok
            : WebSocketHandshakeResult.UpgradeRequired;
    }

    /// <summary>True when <paramref name="key"/> (optional whitespace around it allowed) is base64 of exactly 16 bytes.</summary>
    public static bool IsValidKey(ReadOnlySpan<byte> key)
    {
        key = HttpCharacters.TrimWhitespace(key);
        // 16 bytes encode as 22 significant characters and "==": checking the shape first keeps out
        // whitespace, URL-safe characters and other forms a lenient decoder might accept.
        if (key.Length != KeyLength || key[^1] != (byte)'=' || key[^2] != (byte)'=')
        {
            return false;
        }

        Span<byte> decoded = stackalloc byte[18];
        return Base64.DecodeFromUtf8(key, decoded, out var consumed, out var written) == OperationStatus.Done
            && consumed == KeyLength && written == KeyByteCount;
    }

    /// <summary>
    /// Writes base64(SHA-1(key + GUID)) into <paramref name="destination"/> (at least <see cref="AcceptLength"/> bytes).
    /// <paramref name="key"/> is the header value as received (it is trimmed, not decoded).
    /// </summary>
    public static void ComputeAccept(ReadOnlySpan<byte> key, Span<byte> destination)
    {
        key = HttpCharacters.TrimWhitespace(key);
        ArgumentOutOfRangeException.ThrowIfNotEqual(key.Length, KeyLength, nameof(key));
        Span<byte> input = stackalloc byte[KeyLength + 36];
        key.CopyTo(input);
        KeyGuid.CopyTo(input[KeyLength..]);
        Span<byte> hash = stackalloc byte[SHA1.HashSizeInBytes];
        SHA1.HashData(input, hash);
        Base64.EncodeToUtf8(hash, destination, out _, out _);
    }

    /// <summary>
    /// Returns the first subprotocol the client offers (client order is preference order, §4.2.2) that
    /// <paramref name="selector"/> accepts, or an empty span for none (then send no <c>Sec-WebSocket-Protocol</c>).
    /// </summary>
    public static ReadOnlySpan<byte> SelectSubprotocol<TSelector>(ReadOnlySpan<byte> offered, ref TSelector selector)
        where TSelector : struct, IWebSocketSubprotocolSelector
    {
        foreach (var candidate in new HttpTokenList(offered))
        {
            if (selector.Accepts(candidate))
            {
                return candidate;
            }
        }

        return default;
    }

    /// <summary>Length of the 101 response written by <see cref="WriteAcceptResponse(Span{byte}, ReadOnlySpan{byte}, ReadOnlySpan{byte}, ReadOnlySpan{byte})"/>.</summary>
    public static int GetAcceptResponseLength(int subprotocolLength, int extraHeadersLength = 0) =>
        AcceptHead.Length + AcceptLength + (subprotocolLength > 0 ? ProtocolHeader.Length + subprotocolLength : 0)
        + 2 + extraHeadersLength + 2;

    /// <summary>
    /// Writes the 101 Switching Protocols response for a validated request with key <paramref name="key"/>,
    /// naming <paramref name="subprotocol"/> when not empty, followed by <paramref name="extraHeaders"/> (complete
    /// <c>Name: value\r\n</c> lines, e.g. a cookie) and the blank line. Returns the bytes written.
    /// </summary>
    public static int WriteAcceptResponse(Span<byte> destination, ReadOnlySpan<byte> key, ReadOnlySpan<byte> subprotocol, ReadOnlySpan<byte> extraHeaders = default)
    {
        var length = GetAcceptResponseLength(subprotocol.Length, extraHeaders.Length);
        var output = destination[..length];
        AcceptHead.CopyTo(output);
        var position = AcceptHead.Length;
        ComputeAccept(key, output[position..]);
        position += AcceptLength;
        if (!subprotocol.IsEmpty)
        {
            ProtocolHeader.CopyTo(output[position..]);
            position += ProtocolHeader.Length;
            subprotocol.CopyTo(output[position..]);
            position += subprotocol.Length;
        }

        "\r\n"u8.CopyTo(output[position..]);
        position += 2;
        extraHeaders.CopyTo(output[position..]);
        position += extraHeaders.Length;
        "\r\n"u8.CopyTo(output[position..]);
        return length;
    }

    /// <summary>Writes the 101 response into <paramref name="writer"/>.</summary>
    public static void WriteAcceptResponse(IBufferWriter<byte> writer, ReadOnlySpan<byte> key, ReadOnlySpan<byte> subprotocol, ReadOnlySpan<byte> extraHeaders = default)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var length = GetAcceptResponseLength(subprotocol.Length, extraHeaders.Length);
        writer.Advance(WriteAcceptResponse(writer.GetSpan(length), key, subprotocol, extraHeaders));
    }

    /// <summary>The complete response for a rejected handshake (400, or 426 with <c>Sec-WebSocket-Version: 13</c>); it closes the connection.</summary>
    public static ReadOnlySpan<byte> GetRejectResponse(WebSocketHandshakeResult result) => result switch
    {
        WebSocketHandshakeResult.UpgradeRequired => UpgradeRequiredResponse,
        WebSocketHandshakeResult.BadRequest => BadRequestResponse,
        _ => throw new ArgumentOutOfRangeException(nameof(result), result, "Only rejections have a reject response."),
    };

    /// <summary>The HTTP status code that answers <paramref name="result"/>.</summary>
    public static int GetStatusCode(WebSocketHandshakeResult result) => result switch
    {
        WebSocketHandshakeResult.Ok => 101,
        WebSocketHandshakeResult.UpgradeRequired => 426,
        _ => 400,
    };

    /// <summary>Writes the rejection response for <paramref name="result"/> into <paramref name="writer"/>.</summary>
    public static void WriteRejectResponse(IBufferWriter<byte> writer, WebSocketHandshakeResult result)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(GetRejectResponse(result));
    }

    /// <summary>The accept value for <paramref name="key"/> as a string (tests and diagnostics; allocates).</summary>
    public static string ComputeAcceptString(ReadOnlySpan<byte> key)
    {
        Span<byte> accept = stackalloc byte[AcceptLength];
        ComputeAccept(key, accept);
        return Encoding.ASCII.GetString(accept);
    }
}
