using System.Runtime.CompilerServices;

namespace SocketIo.LoadGen.SocketIo;

/// <summary>What a fanout client makes of one text packet.</summary>
internal enum RoomMessageKind
{
    /// <summary><c>42["room-message",ROUND,SEQ,...]</c> with both numbers read.</summary>
    RoomMessage,

    /// <summary>An Engine.IO ping (<c>2</c>), to be answered with a pong.</summary>
    Ping,

    /// <summary>Any other packet (the auth event on connection, the join ack).</summary>
    Other,

    /// <summary>Starts like a room message but the numbers are missing or malformed.</summary>
    Invalid,
}

/// <summary>
/// Reads the fanout payload <c>42["room-message",ROUND,SEQ,"padding"]</c> straight from the received bytes:
/// a prefix compare and two decimal numbers, no strings and no JSON parser.
/// </summary>
internal static class RoomMessage
{
    /// <summary>The bytes every room message starts with.</summary>
    public static ReadOnlySpan<byte> Prefix => "42[\"room-message\","u8;

    /// <summary>Classifies <paramref name="packet"/>; for a room message, also reads its round and sequence numbers.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static RoomMessageKind Read(ReadOnlySpan<byte> packet, out int round, out int sequence)
    {
        round = 0;
        sequence = 0;
        if (!packet.StartsWith(Prefix))
        {
            return packet.Length == 1 && packet[0] == (byte)'2' ? RoomMessageKind.Ping : RoomMessageKind.Other;
        }

        var at = Prefix.Length;
        return TryReadNumber(packet, ref at, out round) && at < packet.Length && packet[at++] == (byte)',' &&
            TryReadNumber(packet, ref at, out sequence) && at < packet.Length && packet[at] is (byte)',' or (byte)']'
            ? RoomMessageKind.RoomMessage
            : RoomMessageKind.Invalid;
    }

    // Up to 9 digits, so the value fits an int without overflow checks.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool TryReadNumber(ReadOnlySpan<byte> packet, ref int at, out int value)
    {
        value = 0;
        var start = at;
        while (at < packet.Length && at - start < 9)
        {
            var digit = (uint)(packet[at] - '0');
            if (digit > 9)
            {
                break;
            }

            value = (value * 10) + (int)digit;
            at++;
        }

        return at > start;
    }
}
