namespace SocketIo.LoadGen.SocketIo;

/// <summary>The acked event the echo scenarios send (<c>42ID[...]</c>) and the ack they expect (<c>43ID[...]</c>).</summary>
internal static class SioEvent
{
    /// <summary>
    /// Writes <c>42</c>, <paramref name="id"/> and <paramref name="suffix"/> (the JSON array) into
    /// <paramref name="destination"/>; returns the length.
    /// </summary>
    public static int WriteWithAck(Span<byte> destination, long id, ReadOnlySpan<byte> suffix)
    {
        "42"u8.CopyTo(destination);
        var length = 2 + SioPacket.WriteNumber(destination[2..], id);
        suffix.CopyTo(destination[length..]);
        return length + suffix.Length;
    }

    /// <summary>True when <paramref name="packet"/> is <c>43</c> with ack id <paramref name="id"/> followed by exactly <paramref name="suffix"/>.</summary>
    public static bool IsAck(ReadOnlySpan<byte> packet, long id, ReadOnlySpan<byte> suffix) =>
        SioPacket.TryReadNumberAfter(packet, "43"u8, out var ackId, out var end) && ackId == id && packet[end..].SequenceEqual(suffix);
}
