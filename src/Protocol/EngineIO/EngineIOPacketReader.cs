namespace SocketIo.Protocol.EngineIO;

/// <summary>
/// Decodes one Engine.IO v4 packet from a WebSocket message or one part of a polling payload (PROTOCOL.md 1.4).
/// Never throws and never copies: the packet is a view over the input.
/// </summary>
internal static class EngineIOPacketReader
{
    /// <summary>The prefix of a binary message sent as text: <c>b</c> + base64.</summary>
    internal const byte Base64Prefix = (byte)'b';

    /// <summary>
    /// Decodes a text message: a type digit <c>0</c>-<c>6</c> and the data, or <c>b</c> and base64 (the reference
    /// accepts that on WebSocket text frames too). UTF-8 is not checked here (see
    /// <see cref="EngineIOPacket.HasInvalidUtf8"/>); an invalid first byte is simply an unknown type.
    /// </summary>
    public static bool TryReadText(ReadOnlySpan<byte> message, out EngineIOPacket packet, out EngineIOParseError error)
    {
        if (message.IsEmpty)
        {
            packet = default;
            error = EngineIOParseError.EmptyPacket;
            return false;
        }

        var first = message[0];
        var type = (uint)(first - '0');
        if (type <= (uint)EngineIOPacketType.Noop)
        {
            packet = new EngineIOPacket((EngineIOPacketType)type, EngineIOPacketFormat.Text, message[1..], hasInvalidUtf8: false);
        }
        else if (first == Base64Prefix)
        {
            packet = new EngineIOPacket(EngineIOPacketType.Message, EngineIOPacketFormat.Base64, message[1..], hasInvalidUtf8: false);
        }
        else
        {
            packet = default;
            error = EngineIOParseError.UnknownPacketType;
            return false;
        }

        error = EngineIOParseError.None;
        return true;
    }

    /// <summary>
    /// Decodes a binary WebSocket message: always a message packet whose data is the whole frame (possibly
    /// empty). There is nothing to reject.
    /// </summary>
    public static EngineIOPacket ReadBinary(ReadOnlySpan<byte> message) =>
        new(EngineIOPacketType.Message, EngineIOPacketFormat.Binary, message, hasInvalidUtf8: false);
}
