using System.Buffers.Text;

namespace SocketIo.LoadGen.SocketIo;

/// <summary>
/// The few Engine.IO v4 / Socket.IO v5 text packets the scenarios send and recognise, read and written on
/// bytes without a JSON parser: the generator checks only prefixes and the numbers it put in itself.
/// </summary>
internal static class SioPacket
{
    /// <summary>Engine.IO ping from the server.</summary>
    public static ReadOnlySpan<byte> Ping => "2"u8;

    /// <summary>Engine.IO pong answering it.</summary>
    public static ReadOnlySpan<byte> Pong => "3"u8;

    /// <summary>Socket.IO CONNECT to the main namespace, no auth.</summary>
    public static ReadOnlySpan<byte> Connect => "40"u8;

    /// <summary>True for the main namespace's CONNECT answer (<c>40{"sid":...}</c>).</summary>
    public static bool IsConnected(ReadOnlySpan<byte> packet) => packet.StartsWith("40{"u8);

    /// <summary>True for an Engine.IO open packet (<c>0{...}</c>).</summary>
    public static bool IsOpen(ReadOnlySpan<byte> packet) => packet.StartsWith("0{"u8);

    /// <summary>The value of <c>"sid":"..."</c> in an open packet, or null.</summary>
    public static string? ReadSid(ReadOnlySpan<byte> open)
    {
        var key = "\"sid\":\""u8;
        var at = open.IndexOf(key);
        if (at < 0)
        {
            return null;
        }

        var rest = open[(at + key.Length)..];
        var end = rest.IndexOf((byte)'"');
        return end < 0 ? null : System.Text.Encoding.ASCII.GetString(rest[..end]);
    }

    /// <summary>
    /// Reads the number right after <paramref name="prefix"/> (for example <c>43</c> for an ack id, or
    /// <c>42["room-message",</c> for a sequence number); false when the packet does not start that way.
    /// </summary>
    public static bool TryReadNumberAfter(ReadOnlySpan<byte> packet, ReadOnlySpan<byte> prefix, out long value, out int end)
    {
        value = 0;
        end = 0;
        if (!packet.StartsWith(prefix) || !Utf8Parser.TryParse(packet[prefix.Length..], out value, out var consumed))
        {
            return false;
        }

        end = prefix.Length + consumed;
        return true;
    }

    /// <summary>Writes <paramref name="value"/> in decimal; returns the bytes written.</summary>
    public static int WriteNumber(Span<byte> destination, long value) =>
        Utf8Formatter.TryFormat(value, destination, out var written) ? written : throw new ArgumentException("destination too small", nameof(destination));

    /// <summary>Decimal length of a non-negative <paramref name="value"/>.</summary>
    public static int NumberLength(long value)
    {
        var length = 1;
        while (value >= 10)
        {
            value /= 10;
            length++;
        }

        return length;
    }
}
