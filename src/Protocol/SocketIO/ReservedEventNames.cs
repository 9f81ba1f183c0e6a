using System.Text.Json;

namespace SocketIo.Protocol.SocketIO;

/// <summary>Event names a client may not send and the server's emit API refuses (PROTOCOL.md 2.4).</summary>
internal static class ReservedEventNames
{
    /// <summary>True when the string token under <paramref name="reader"/> is a reserved name (escapes honoured).</summary>
    internal static bool IsReserved(ref readonly Utf8JsonReader reader) =>
        reader.ValueTextEquals("connect"u8)
        || reader.ValueTextEquals("connect_error"u8)
        || reader.ValueTextEquals("disconnect"u8)
        || reader.ValueTextEquals("disconnecting"u8)
        || reader.ValueTextEquals("newListener"u8)
        || reader.ValueTextEquals("removeListener"u8);

    /// <summary>True when <paramref name="utf8Name"/> (unescaped) is a reserved name.</summary>
    internal static bool IsReserved(ReadOnlySpan<byte> utf8Name) =>
        utf8Name.SequenceEqual("connect"u8)
        || utf8Name.SequenceEqual("connect_error"u8)
        || utf8Name.SequenceEqual("disconnect"u8)
        || utf8Name.SequenceEqual("disconnecting"u8)
        || utf8Name.SequenceEqual("newListener"u8)
        || utf8Name.SequenceEqual("removeListener"u8);
}
