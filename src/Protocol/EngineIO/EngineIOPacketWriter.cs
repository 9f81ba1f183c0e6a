using System.Buffers;
using System.Buffers.Text;
using System.Text;

namespace SocketIo.Protocol.EngineIO;

/// <summary>
/// Encodes single Engine.IO v4 packets (PROTOCOL.md 1.4): <c>&lt;type digit&gt;&lt;data&gt;</c> for text, and
/// <c>b</c> + padded standard base64 (no type digit) for a binary message over polling. A binary message over
/// WebSocket needs no encoding: its frame is the raw bytes. Each method has a size-first
/// <see cref="Span{T}"/> form and an <see cref="IBufferWriter{T}"/> form that writes once.
/// </summary>
internal static class EngineIOPacketWriter
{
    /// <summary>Encoded length of a text packet whose data is <paramref name="utf8DataLength"/> bytes.</summary>
    public static int GetTextLength(int utf8DataLength) => checked(1 + utf8DataLength);

    /// <summary>Encoded length of a binary message over polling carrying <paramref name="byteCount"/> bytes.</summary>
    public static int GetBase64BinaryLength(int byteCount) => checked(1 + Base64.GetMaxEncodedToUtf8Length(byteCount));

    /// <summary>Writes <c>&lt;type digit&gt;&lt;data&gt;</c>; returns the bytes written.</summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than <see cref="GetTextLength"/>.</exception>
    public static int WriteText(Span<byte> destination, EngineIOPacketType type, ReadOnlySpan<byte> utf8Data)
    {
        var length = GetTextLength(utf8Data.Length);
        if ((uint)destination.Length < (uint)length)
        {
            ThrowTooSmall();
        }

        destination[0] = TypeDigit(type);
        utf8Data.CopyTo(destination[1..]);
        return length;
    }

    /// <summary>Writes <c>&lt;type digit&gt;&lt;data&gt;</c> and advances <paramref name="output"/>.</summary>
    public static void WriteText(IBufferWriter<byte> output, EngineIOPacketType type, ReadOnlySpan<byte> utf8Data)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.Advance(WriteText(output.GetSpan(GetTextLength(utf8Data.Length)), type, utf8Data));
    }

    /// <summary>
    /// Writes <c>&lt;type digit&gt;</c> and <paramref name="text"/> as UTF-8. A lone surrogate becomes U+FFFD,
    /// as it does in the reference (a JavaScript string written to a socket).
    /// </summary>
    public static void WriteText(IBufferWriter<byte> output, EngineIOPacketType type, ReadOnlySpan<char> text)
    {
        ArgumentNullException.ThrowIfNull(output);
        var length = GetTextLength(Encoding.UTF8.GetByteCount(text));
        var span = output.GetSpan(length);
        span[0] = TypeDigit(type);
        Encoding.UTF8.GetBytes(text, span[1..]);
        output.Advance(length);
    }

    /// <summary>Writes <c>b</c> + base64 of <paramref name="bytes"/>; returns the bytes written.</summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than <see cref="GetBase64BinaryLength"/>.</exception>
    public static int WriteBase64Binary(Span<byte> destination, ReadOnlySpan<byte> bytes)
    {
        var length = GetBase64BinaryLength(bytes.Length);
        if ((uint)destination.Length < (uint)length)
        {
            ThrowTooSmall();
        }

        destination[0] = EngineIOPacketReader.Base64Prefix;
        Base64.EncodeToUtf8(bytes, destination[1..], out _, out _);
        return length;
    }

    /// <summary>Writes <c>b</c> + base64 of <paramref name="bytes"/> and advances <paramref name="output"/>.</summary>
    public static void WriteBase64Binary(IBufferWriter<byte> output, ReadOnlySpan<byte> bytes)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.Advance(WriteBase64Binary(output.GetSpan(GetBase64BinaryLength(bytes.Length)), bytes));
    }

    internal static byte TypeDigit(EngineIOPacketType type)
    {
        if (type > EngineIOPacketType.Noop)
        {
            ThrowBadType(type);
        }

        return (byte)('0' + (int)type);
    }

    private static void ThrowTooSmall() =>
        throw new ArgumentException("The destination is shorter than the encoded packet.", "destination");

    private static void ThrowBadType(EngineIOPacketType type) =>
        throw new ArgumentOutOfRangeException(nameof(type), type, "Not an Engine.IO packet type.");
}
