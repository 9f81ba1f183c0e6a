using System.Text.Json;
using SocketIo.Protocol.Json;

namespace SocketIo.Protocol.SocketIO;

/// <summary>Event names a client may not send and the server's emit API refuses (PROTOCOL.md 2.4).</summary>
internal static class ReservedEventNames
{
    /// <summary>True when the string token under <paramref name="reader"/> is a reserved name (escapes honoured).</summary>
    internal static bool IsReserved(ref readonly Utf8JsonReader reader) =>
        JsonValueText.EqualsLiteral(in reader, "connect"u8)
        || JsonValueText.EqualsLiteral(in reader, "connect_error"u8)
        || JsonValueText.EqualsLiteral(in reader, "disconnect"u8)
        || JsonValueText.EqualsLiteral(in reader, "disconnecting"u8)
        || JsonValueText.EqualsLiteral(in reader, "newListener"u8)
        || JsonValueText.EqualsLiteral(in reader, "removeListener"u8);

    /// <summary>True when <paramref name="utf8Name"/> (unescaped) is a reserved name.</summary>
    internal static bool IsReserved(ReadOnlySpan<byte> utf8Name) =>
        utf8Name.SequenceEqual("connect"u8)
        || utf8Name.SequenceEqual("connect_error"u8)
        || utf8Name.SequenceEqual("disconnect"u8)
        || utf8Name.SequenceEqual("disconnecting"u8)
        || utf8Name.SequenceEqual("newListener"u8)
        || utf8Name.SequenceEqual("removeListener"u8);

    /// <summary>True when <paramref name="name"/> is a reserved name.</summary>
    internal static bool IsReserved(string name) =>
        name is "connect" or "connect_error" or "disconnect" or "disconnecting" or "newListener" or "removeListener";
}
