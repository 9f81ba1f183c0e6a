namespace SocketIo.Protocol.Tests.WebSockets;

/// <summary>
/// Client byte streams that break RFC 6455, each with the Close code a server must fail the connection with.
/// BCL-only on purpose, so a server-level test project can link this same file. Every stream is complete: a
/// conforming server answers it without waiting for more bytes. 1009 cases announce lengths far above any
/// sensible limit (2^40 bytes and more), so they hold for any configured maximum message size below that.
/// </summary>
public static class MalformedWebSocketFrames
{
    private const byte Fin = 0x80;
    private const byte Continuation = 0x0;
    private const byte Text = 0x1;
    private const byte Binary = 0x2;
    private const byte Close = 0x8;
    private const byte Ping = 0x9;
    private const byte Pong = 0xA;

    // Declared before All: static fields initialize in text order.
    private static readonly byte[] MaskKey = [0x37, 0xFA, 0x21, 0x3D];

    /// <summary>Every case: a short name, the raw client bytes, the expected Close code (1002, 1007 or 1009).</summary>
    public static IReadOnlyList<(string Name, byte[] Bytes, int CloseCode)> All { get; } =
    [
        ("unmasked text frame", [Fin | Text, 0x02, (byte)'h', (byte)'i'], 1002),
        ("unmasked close frame", [Fin | Close, 0x00], 1002),
        ("RSV1 without extension", Frame(Fin | 0x40 | Text, "hi"u8), 1002),
        ("RSV2 set", Frame(Fin | 0x20 | Binary, [1]), 1002),
        ("RSV3 set", Frame(Fin | 0x10 | Binary, [1]), 1002),
        ("RSV1 on a ping", Frame(Fin | 0x40 | Ping, []), 1002),
        ("reserved data opcode 3", Frame(Fin | 0x3, [1]), 1002),
        ("reserved data opcode 7", Frame(Fin | 0x7, []), 1002),
        ("reserved control opcode B", Frame(Fin | 0xB, []), 1002),
        ("reserved control opcode F", Frame(Fin | 0xF, [1, 2]), 1002),
        ("fragmented ping", Frame(Ping, "a"u8), 1002),
        ("fragmented close", Frame(Close, [0x03, 0xE8]), 1002),
        ("ping with 126-byte payload", Frame(Fin | Ping, new byte[126]), 1002),
        ("pong announcing a 64-bit length", [Fin | Pong, 0x80 | 127, 0, 0, 0, 0, 0, 0, 0, 200, 1, 2, 3, 4], 1002),
        ("64-bit length with the high bit set", [Fin | Binary, 0x80 | 127, 0x80, 0, 0, 0, 0, 0, 0, 1, 1, 2, 3, 4], 1002),
        ("16-bit length form for 5 bytes", [Fin | Binary, 0x80 | 126, 0, 5, 0, 0, 0, 0, 1, 2, 3, 4, 5], 1002),
        ("16-bit length form for 125 bytes", [Fin | Binary, 0x80 | 126, 0, 125, 0, 0, 0, 0, .. new byte[125]], 1002),
        ("64-bit length form for 200 bytes", [Fin | Binary, 0x80 | 127, 0, 0, 0, 0, 0, 0, 0, 200, 0, 0, 0, 0, .. new byte[200]], 1002),
        ("continuation with no message", Frame(Fin | Continuation, "x"u8), 1002),
        ("continuation after a finished message", [.. Frame(Fin | Text, "a"u8), .. Frame(Fin | Continuation, "b"u8)], 1002),
        ("text frame inside a fragmented text", [.. Frame(Text, "a"u8), .. Frame(Fin | Text, "b"u8)], 1002),
        ("binary frame inside a fragmented binary", [.. Frame(Binary, [1]), .. Frame(Fin | Binary, [2])], 1002),
        ("text frame after an interleaved ping", [.. Frame(Text, "a"u8), .. Frame(Fin | Ping, []), .. Frame(Fin | Text, "b"u8)], 1002),
        ("close with a 1-byte payload", Frame(Fin | Close, [0x03]), 1002),
        ("close code 0", Frame(Fin | Close, [0x00, 0x00]), 1002),
        ("close code 999", Frame(Fin | Close, [0x03, 0xE7]), 1002),
        ("close code 1004", Frame(Fin | Close, [0x03, 0xEC]), 1002),
        ("close code 1005", Frame(Fin | Close, [0x03, 0xED]), 1002),
        ("close code 1006", Frame(Fin | Close, [0x03, 0xEE]), 1002),
        ("close code 1015", Frame(Fin | Close, [0x03, 0xF7]), 1002),
        ("close code 1016", Frame(Fin | Close, [0x03, 0xF8]), 1002),
        ("close code 2999", Frame(Fin | Close, [0x0B, 0xB7]), 1002),
        ("close code 5000", Frame(Fin | Close, [0x13, 0x88]), 1002),
        ("close code 65535", Frame(Fin | Close, [0xFF, 0xFF]), 1002),
        ("close reason with invalid UTF-8", Frame(Fin | Close, [0x03, 0xE8, 0xFF]), 1007),
        ("close reason ending inside a code point", Frame(Fin | Close, [0x03, 0xE8, (byte)'o', 0xE2, 0x82]), 1007),
        ("text with overlong C0 80", Frame(Fin | Text, [0xC0, 0x80]), 1007),
        ("text with overlong C1 BF", Frame(Fin | Text, [0xC1, 0xBF]), 1007),
        ("text with overlong E0 80 80", Frame(Fin | Text, [0xE0, 0x80, 0x80]), 1007),
        ("text with overlong E0 9F BF", Frame(Fin | Text, [0xE0, 0x9F, 0xBF]), 1007),
        ("text with overlong F0 8F BF BF", Frame(Fin | Text, [0xF0, 0x8F, 0xBF, 0xBF]), 1007),
        ("text with surrogate ED A0 80", Frame(Fin | Text, [0xED, 0xA0, 0x80]), 1007),
        ("text with surrogate ED BF BF", Frame(Fin | Text, [0xED, 0xBF, 0xBF]), 1007),
        ("text above U+10FFFF (F4 90 80 80)", Frame(Fin | Text, [0xF4, 0x90, 0x80, 0x80]), 1007),
        ("text with F5", Frame(Fin | Text, [0xF5, 0x80, 0x80, 0x80]), 1007),
        ("text with FF", Frame(Fin | Text, [(byte)'a', 0xFF]), 1007),
        ("text with a bare continuation byte", Frame(Fin | Text, [(byte)'a', 0x80, (byte)'b']), 1007),
        ("text ending inside a code point", Frame(Fin | Text, [(byte)'a', 0xE2, 0x82]), 1007),
        ("fragmented text ending inside a code point", [.. Frame(Text, "ok"u8), .. Frame(Fin | Continuation, [0xF0, 0x9F, 0x98])], 1007),
        ("fragmented text invalid across the boundary", [.. Frame(Text, [0xCE]), .. Frame(Fin | Continuation, [(byte)'A'])], 1007),
        ("invalid text fails before the frame ends", Frame(Text, [0xC0]), 1007),
        ("frame announcing 2^40 bytes", [Fin | Binary, 0x80 | 127, 0, 0, 0x01, 0, 0, 0, 0, 0, 1, 2, 3, 4], 1009),
        ("frame announcing 2^62 bytes", [Fin | Text, 0x80 | 127, 0x40, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4], 1009),
    ];

    /// <summary>A masked client frame with the given first header byte, using the minimal length form.</summary>
    public static byte[] Frame(byte first, ReadOnlySpan<byte> payload)
    {
        var lengthBytes = payload.Length <= 125 ? 0 : payload.Length <= 0xFFFF ? 2 : 8;
        var frame = new byte[2 + lengthBytes + 4 + payload.Length];
        frame[0] = first;
        var i = 2;
        if (lengthBytes == 0)
        {
            frame[1] = (byte)(0x80 | payload.Length);
        }
        else
        {
            frame[1] = (byte)(0x80 | (lengthBytes == 2 ? 126 : 127));
            for (var b = lengthBytes - 1; b >= 0; b--)
            {
                frame[i++] = (byte)((long)payload.Length >> (8 * b));
            }
        }

        MaskKey.CopyTo(frame, i);
        i += 4;
        for (var p = 0; p < payload.Length; p++)
        {
            frame[i + p] = (byte)(payload[p] ^ MaskKey[p % 4]);
        }

        return frame;
    }
}
