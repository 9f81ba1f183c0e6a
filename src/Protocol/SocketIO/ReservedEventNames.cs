using System.Runtime.CompilerServices;
using SocketIo.Protocol.Json;

namespace SocketIo.Protocol.SocketIO;

/// <summary>Event names a client may not send and the server's emit API refuses (PROTOCOL.md 2.4).</summary>
internal static class ReservedEventNames
{
    // The longest reserved name ("removeListener") written entirely as \u escapes.
    private const int MaxEscapedLength = 14 * 6;

    // Bit n set when some reserved name is n bytes long.
    private const uint ReservedLengths = (1u << 7) | (1u << 10) | (1u << 11) | (1u << 13) | (1u << 14);

    /// <summary>True when the raw JSON string content <paramref name="raw"/> (escapes honoured) is a reserved name.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool IsReserved(ReadOnlySpan<byte> raw, bool escaped) =>
        escaped ? IsReservedEscaped(raw) : HasReservedLength(raw.Length) && IsReserved(raw);

    // Checked on every event: the length alone rules out nearly every name, without a call.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool HasReservedLength(int length) => (uint)length < 32 && ((1u << length) & ReservedLengths) != 0;

    // Out of line: its stackalloc would keep the check of every plain name from being inlined.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static bool IsReservedEscaped(ReadOnlySpan<byte> raw)
    {
        if (raw.Length > MaxEscapedLength)
        {
            return false;
        }

        Span<byte> buffer = stackalloc byte[MaxEscapedLength];
        return JsonStringUnescaper.TryUnescape(raw, buffer, out var length) && IsReserved(buffer[..length]);
    }

    /// <summary>True when <paramref name="utf8Name"/> (unescaped) is a reserved name.</summary>
    internal static bool IsReserved(ReadOnlySpan<byte> utf8Name) => utf8Name.Length switch
    {
        7 => utf8Name.SequenceEqual("connect"u8),
        10 => utf8Name.SequenceEqual("disconnect"u8),
        11 => utf8Name.SequenceEqual("newListener"u8),
        13 => utf8Name.SequenceEqual("connect_error"u8) || utf8Name.SequenceEqual("disconnecting"u8),
        14 => utf8Name.SequenceEqual("removeListener"u8),
        _ => false,
    };

    /// <summary>True when <paramref name="name"/> is a reserved name.</summary>
    internal static bool IsReserved(string name) =>
        name is "connect" or "connect_error" or "disconnect" or "disconnecting" or "newListener" or "removeListener";
}
