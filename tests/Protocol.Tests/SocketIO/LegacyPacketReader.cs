using System.Text.Json;
using System.Text.Unicode;
using SocketIo.Protocol.Json;
using SocketIo.Protocol.SocketIO;

// The Utf8JsonReader-based reader this project had before JsonValidator, kept verbatim (minus the packet view)
// as the oracle of SocketIoReaderDifferentialTests: the new reader must give the same error on every input.
namespace SocketIo.Protocol.Tests.SocketIO;

internal static class LegacyPacketReader
{
    public const int DefaultMaxAttachments = 10;
    public const long MaxAckId = (1L << 53) - 1;
    public static SocketIoPacketError TryRead(ReadOnlySpan<byte> message, out LegacyPacket packet,
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

        // Checked once up front: the namespace and every JSON string are then known to be valid UTF-8.
        if (!Utf8.IsValid(message))
        {
            return SocketIoPacketError.InvalidUtf8;
        }

        var i = 1;
        var attachments = 0;
        if (type is SocketIoPacketType.BinaryEvent or SocketIoPacketType.BinaryAck)
        {
            var dash = message[1..].IndexOf((byte)'-');
            if (dash <= 0)
            {
                return SocketIoPacketError.InvalidAttachmentCount;
            }

            if (!TryParseDecimal(message.Slice(1, dash), maxAttachments, out attachments, out var tooLarge))
            {
                return tooLarge ? SocketIoPacketError.TooManyAttachments : SocketIoPacketError.InvalidAttachmentCount;
            }

            i = dash + 2;
        }

        var nsp = "/"u8;
        if (i < message.Length && message[i] == '/')
        {
            var comma = message[i..].IndexOf((byte)',');
            var end = comma < 0 ? message.Length : i + comma;
            nsp = message[i..end];
            i = comma < 0 ? end : end + 1;
        }

        long ackId = -1;
        if (i < message.Length && IsDigit(message[i]))
        {
            var start = i;
            while (i < message.Length && IsDigit(message[i]))
            {
                i++;
            }

            if (!TryParseAckId(message[start..i], out ackId))
            {
                return SocketIoPacketError.AckIdOverflow;
            }
        }

        var payload = message[i..];
        var error = ValidatePayload(type, payload, attachments, out var shape);
        if (error != SocketIoPacketError.None)
        {
            return error;
        }

        packet = new LegacyPacket(type, attachments, nsp.ToArray(), ackId, payload.ToArray());
        return SocketIoPacketError.None;
    }

    private static SocketIoPacketError ValidatePayload(SocketIoPacketType type, ReadOnlySpan<byte> payload, int attachments, out LegacyShape shape)
    {
        shape = default;
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
        if (!LegacyPayloadScanner.TryScan(payload, binary, attachments, out shape, out var placeholdersValid))
        {
            return SocketIoPacketError.InvalidJson;
        }

        var shapeError = type switch
        {
            SocketIoPacketType.Connect => shape.Root == JsonTokenType.StartObject ? SocketIoPacketError.None : SocketIoPacketError.InvalidConnectPayload,
            SocketIoPacketType.ConnectError => shape.Root is JsonTokenType.StartObject or JsonTokenType.String
                ? SocketIoPacketError.None : SocketIoPacketError.InvalidConnectErrorPayload,
            SocketIoPacketType.Event or SocketIoPacketType.BinaryEvent => ValidateEventShape(in shape),
            _ => shape.Root == JsonTokenType.StartArray ? SocketIoPacketError.None : SocketIoPacketError.InvalidAckPayload,
        };
        if (shapeError != SocketIoPacketError.None)
        {
            return shapeError;
        }

        return placeholdersValid ? SocketIoPacketError.None : SocketIoPacketError.InvalidPlaceholder;
    }

    private static SocketIoPacketError ValidateEventShape(in LegacyShape shape)
    {
        if (shape.Root != JsonTokenType.StartArray)
        {
            return SocketIoPacketError.InvalidEventPayload;
        }

        return shape.First switch
        {
            JsonTokenType.None or JsonTokenType.EndArray => SocketIoPacketError.EmptyEvent,
            JsonTokenType.String => shape.FirstIsReserved ? SocketIoPacketError.ReservedEventName : SocketIoPacketError.None,
            JsonTokenType.Number => SocketIoPacketError.None,
            _ => SocketIoPacketError.InvalidEventName,
        };
    }

    private static bool IsDigit(byte c) => (uint)(c - '0') <= 9;

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

    private static bool TryParseAckId(ReadOnlySpan<byte> digits, out long value)
    {
        value = 0;
        foreach (var c in digits)
        {
            value = (value * 10) + (c - '0');
            if (value > MaxAckId)
            {
                value = -1;
                return false;
            }
        }

        return true;
    }
}

internal static class LegacyPayloadScanner
{
    private const int MaxDepth = 64;
    internal static bool TryScan(ReadOnlySpan<byte> payload, bool binary, int attachments, out LegacyShape shape, out bool placeholdersValid)
    {
        try
        {
            return Scan(payload, binary, attachments, out shape, out placeholdersValid);
        }
        catch (JsonException)
        {
            // Utf8JsonReader reports malformed JSON only by throwing; this is the error path, not the hot path.
            shape = default;
            placeholdersValid = false;
            return false;
        }
    }

    private static bool Scan(ReadOnlySpan<byte> payload, bool binary, int attachments, out LegacyShape shape, out bool placeholdersValid)
    {
        var reader = new Utf8JsonReader(payload, new JsonReaderOptions { MaxDepth = MaxDepth });
        shape = default;
        placeholdersValid = true;
        if (!reader.Read())
        {
            return false;
        }

        var root = reader.TokenType;
        if (root == JsonTokenType.StartArray)
        {
            var contentStart = (int)reader.BytesConsumed;
            reader.Read();
            var first = reader.TokenType;
            var firstStart = (int)reader.TokenStartIndex;
            var escaped = first == JsonTokenType.String && reader.ValueIsEscaped;
            var reserved = first == JsonTokenType.String && IsReserved(ref reader);
            var firstEnd = (int)reader.BytesConsumed;
            if (!binary && first is JsonTokenType.StartArray or JsonTokenType.StartObject)
            {
                reader.Skip();
                firstEnd = (int)reader.BytesConsumed;
            }

            shape = new LegacyShape
            {
                Root = root,
                First = first,
                FirstStart = firstStart,
                FirstEnd = firstEnd,
                FirstIsEscaped = escaped,
                FirstIsReserved = reserved,
                ArrayContentStart = contentStart,
                ArrayContentEnd = payload.LastIndexOf((byte)']'),
            };
            if (binary)
            {
                placeholdersValid = CheckPlaceholders(ref reader, attachments);
            }
        }
        else
        {
            shape = new LegacyShape { Root = root };
            if (binary)
            {
                placeholdersValid = CheckPlaceholders(ref reader, attachments);
            }
        }

        while (reader.Read())
        {
            // Skip validates nested values too; reading on reaches the end or throws on trailing garbage.
            if (reader.TokenType is JsonTokenType.StartArray or JsonTokenType.StartObject)
            {
                reader.Skip();
            }
        }

        return true;
    }
    private static bool CheckPlaceholders(ref Utf8JsonReader reader, int attachments)
    {
        // Per open object: is "_placeholder" true, and what did the last "num" hold (JS keeps the last duplicate).
        Span<byte> placeholder = stackalloc byte[MaxDepth + 1];
        Span<int> num = stackalloc int[MaxDepth + 1];
        var valid = true;
        var pending = PropertyKind.Other;
        do
        {
            var token = reader.TokenType;
            var depth = reader.CurrentDepth;
            switch (token)
            {
                case JsonTokenType.PropertyName:
                    pending = JsonValueText.EqualsLiteral(in reader, "_placeholder"u8) ? PropertyKind.Placeholder
                        : JsonValueText.EqualsLiteral(in reader, "num"u8) ? PropertyKind.Num : PropertyKind.Other;
                    continue;
                case JsonTokenType.StartObject:
                    placeholder[depth] = 0;
                    num[depth] = -1;
                    break;
                case JsonTokenType.EndObject:
                    if (placeholder[depth] == 1 && (uint)num[depth] >= (uint)attachments)
                    {
                        valid = false;
                    }

                    break;
            }

            if (pending != PropertyKind.Other)
            {
                // The value of "_placeholder" or "num" belongs to the object one level up.
                var owner = depth - 1;
                if (pending == PropertyKind.Placeholder)
                {
                    placeholder[owner] = token == JsonTokenType.True ? (byte)1 : (byte)0;
                }
                else
                {
                    num[owner] = token == JsonTokenType.Number && reader.TryGetDouble(out var value)
                        && value >= 0 && value < int.MaxValue && value == Math.Floor(value) ? (int)value : -1;
                }

                pending = PropertyKind.Other;
            }
        }
        while (reader.Read());

        return valid;
    }

    private enum PropertyKind : byte
    {
        Other,
        Placeholder,
        Num,
    }

    private static bool IsReserved(ref readonly Utf8JsonReader reader) =>
        JsonValueText.EqualsLiteral(in reader, "connect"u8)
        || JsonValueText.EqualsLiteral(in reader, "connect_error"u8)
        || JsonValueText.EqualsLiteral(in reader, "disconnect"u8)
        || JsonValueText.EqualsLiteral(in reader, "disconnecting"u8)
        || JsonValueText.EqualsLiteral(in reader, "newListener"u8)
        || JsonValueText.EqualsLiteral(in reader, "removeListener"u8);
}

internal readonly record struct LegacyPacket(SocketIoPacketType Type, int AttachmentCount, byte[] Namespace, long AckId, byte[] Payload);

internal readonly struct LegacyShape
{
    internal JsonTokenType Root { get; init; }

    internal JsonTokenType First { get; init; }

    internal int FirstStart { get; init; }

    internal int FirstEnd { get; init; }

    internal bool FirstIsEscaped { get; init; }

    internal bool FirstIsReserved { get; init; }

    internal int ArrayContentStart { get; init; }

    internal int ArrayContentEnd { get; init; }
}
