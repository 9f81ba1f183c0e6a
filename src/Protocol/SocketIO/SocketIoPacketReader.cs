using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Unicode;

namespace SocketIo.Protocol.SocketIO;

/// <summary>
/// Parses one Socket.IO v5 packet (the Engine.IO message data, leading <c>4</c> removed) with the reference
/// algorithm of PROTOCOL.md 2.3 and the validity rules of 2.4, without allocating. Invalid input is reported
/// as a <see cref="SocketIoPacketError"/>, never thrown.
/// </summary>
public static class SocketIoPacketReader
{
    /// <summary>The reference server's default <c>maxAttachments</c>.</summary>
    public const int DefaultMaxAttachments = 10;

    /// <summary>The largest ack id: 2^53-1, the largest integer a JavaScript number holds exactly.</summary>
    public const long MaxAckId = (1L << 53) - 1;

    /// <summary>Parses and validates <paramref name="message"/>.</summary>
    /// <param name="message">The Socket.IO packet text as UTF-8.</param>
    /// <param name="packet">The parsed packet, a view over <paramref name="message"/>; default on error.</param>
    /// <param name="maxAttachments">Largest attachment count accepted on BINARY_EVENT / BINARY_ACK.</param>
    /// <param name="acceptConnectError">True on the client side; a server rejects CONNECT_ERROR from clients.</param>
    /// <returns><see cref="SocketIoPacketError.None"/> when valid, otherwise why not.</returns>
    public static SocketIoPacketError TryRead(ReadOnlySpan<byte> message, out SocketIoPacket packet,
        int maxAttachments = DefaultMaxAttachments, bool acceptConnectError = false)
    {
        packet = default;
        if (message.IsEmpty)
        {
            return SocketIoPacketError.Empty;
        }

        var typeDigit = message[0] - '0';
        if ((uint)typeDigit > 6)
        {
            return SocketIoPacketError.InvalidType;
        }

        var type = (SocketIoPacketType)typeDigit;
        if (type == SocketIoPacketType.ConnectError && !acceptConnectError)
        {
            return SocketIoPacketError.ConnectErrorFromClient;
        }

        var error = ReadAfterType(message, type, maxAttachments, ref packet);
        if (error == SocketIoPacketError.None)
        {
            return error;
        }

        // Invalid UTF-8 anywhere wins over every later error. On success the scan has already proved it: the
        // JSON validator checks the strings (the only place JSON may hold non-ASCII) and the header parts are
        // ASCII digits, except the namespace, which is checked on its own. So only errors pay a full check.
        packet = default;
        return Utf8.IsValid(message) ? error : SocketIoPacketError.InvalidUtf8;
    }

    // Out of line: inlined, its temporaries would make every caller's frame larger (and zeroed on each call).
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static SocketIoPacketError ReadAfterType(ReadOnlySpan<byte> message, SocketIoPacketType type, int maxAttachments, ref SocketIoPacket packet)
    {
        var i = 1;
        var attachments = 0;
        if (type is SocketIoPacketType.BinaryEvent or SocketIoPacketType.BinaryAck)
        {
            // The count and its dash in one pass over the (one or two) digits; errors take the exact route.
            long count = 0;
            while (i < message.Length && IsDigit(message[i]))
            {
                count = Math.Min((count * 10) + (message[i++] - '0'), int.MaxValue);
            }

            if (i == 1 || i == message.Length || message[i] != '-' || count > maxAttachments)
            {
                return AttachmentCountError(message, maxAttachments);
            }

            attachments = (int)count;
            i++;
        }

        var nsp = "/"u8;
        if (i < message.Length && message[i] == '/')
        {
            // Namespaces are short: a byte loop that also notes non-ASCII beats two vectorized calls.
            var end = i;
            var seen = 0;
            while (end < message.Length && message[end] != ',')
            {
                seen |= message[end++];
            }

            nsp = message[i..end];
            i = end < message.Length ? end + 1 : end;
            if (seen >= 0x80 && !Utf8.IsValid(nsp))
            {
                return SocketIoPacketError.InvalidUtf8;
            }
        }

        long ackId = SocketIoPacket.NoAckId;
        if (i < message.Length && IsDigit(message[i]))
        {
            // Found and parsed in one pass over the digits.
            ackId = 0;
            do
            {
                ackId = (ackId * 10) + (message[i++] - '0');
                if (ackId > MaxAckId)
                {
                    return SocketIoPacketError.AckIdOverflow;
                }
            }
            while (i < message.Length && IsDigit(message[i]));
        }

        // The packet is filled in place and the scan writes the shape straight into it: copying ~130 bytes
        // around cost more than parsing the header.
        var payload = message[i..];
        ref var shape = ref SocketIoPacket.Initialize(ref packet, type, attachments, nsp, ackId, payload);
        return ValidatePayload(type, payload, attachments, ref shape);
    }

    // Inlined into ReadAfterType: one call frame between the caller and the scan, not three.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static SocketIoPacketError ValidatePayload(SocketIoPacketType type, ReadOnlySpan<byte> payload, int attachments, ref PayloadShape shape)
    {
        if (payload.IsEmpty)
        {
            return type switch
            {
                SocketIoPacketType.Event or SocketIoPacketType.BinaryEvent or SocketIoPacketType.Ack or SocketIoPacketType.BinaryAck
                    => SocketIoPacketError.MissingPayload,
                SocketIoPacketType.ConnectError => SocketIoPacketError.InvalidConnectErrorPayload,
                _ => SocketIoPacketError.None,
            };
        }

        if (type == SocketIoPacketType.Disconnect)
        {
            return SocketIoPacketError.UnexpectedPayload;
        }

        var binary = type is SocketIoPacketType.BinaryEvent or SocketIoPacketType.BinaryAck;
        if (!PayloadScanner.TryScan(payload, binary, attachments, ref shape, out var placeholdersValid))
        {
            return SocketIoPacketError.InvalidJson;
        }

        // Events first, as a plain test: they are nearly all the traffic.
        var shapeError = type is SocketIoPacketType.Event or SocketIoPacketType.BinaryEvent ? ValidateEventShape(in shape) : type switch
        {
            SocketIoPacketType.Connect => shape.Root == JsonValueKind.Object ? SocketIoPacketError.None : SocketIoPacketError.InvalidConnectPayload,
            SocketIoPacketType.ConnectError => shape.Root is JsonValueKind.Object or JsonValueKind.String
                ? SocketIoPacketError.None : SocketIoPacketError.InvalidConnectErrorPayload,
            _ => shape.Root == JsonValueKind.Array ? SocketIoPacketError.None : SocketIoPacketError.InvalidAckPayload,
        };
        if (shapeError != SocketIoPacketError.None)
        {
            return shapeError;
        }

        return placeholdersValid ? SocketIoPacketError.None : SocketIoPacketError.InvalidPlaceholder;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static SocketIoPacketError ValidateEventShape(in PayloadShape shape)
    {
        if (shape.Root != JsonValueKind.Array)
        {
            return SocketIoPacketError.InvalidEventPayload;
        }

        if (shape.First == JsonValueKind.String)
        {
            return shape.FirstIsReserved ? SocketIoPacketError.ReservedEventName : SocketIoPacketError.None;
        }

        return shape.First switch
        {
            JsonValueKind.Undefined => SocketIoPacketError.EmptyEvent,
            JsonValueKind.Number => SocketIoPacketError.None,
            _ => SocketIoPacketError.InvalidEventName,
        };
    }

    private static bool IsDigit(byte c) => (uint)(c - '0') <= 9;

    // The reference splits at the first dash and then reads the count: a count that is too large wins over a
    // non-digit after it.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static SocketIoPacketError AttachmentCountError(ReadOnlySpan<byte> message, int maxAttachments)
    {
        var dash = message[1..].IndexOf((byte)'-');
        if (dash <= 0)
        {
            return SocketIoPacketError.InvalidAttachmentCount;
        }

        TryParseDecimal(message.Slice(1, dash), maxAttachments, out _, out var tooLarge);
        return tooLarge ? SocketIoPacketError.TooManyAttachments : SocketIoPacketError.InvalidAttachmentCount;
    }

    private static bool TryParseDecimal(ReadOnlySpan<byte> digits, int max, out int value, out bool tooLarge)
    {
        value = 0;
        tooLarge = false;
        long total = 0;
        foreach (var c in digits)
        {
            if (!IsDigit(c))
            {
                return false;
            }

            total = (total * 10) + (c - '0');
            tooLarge |= total > max;
            total = Math.Min(total, int.MaxValue);
        }

        value = (int)total;
        return !tooLarge;
    }
}
