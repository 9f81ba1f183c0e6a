using System.Text.Json;
using SocketIo.Protocol.Json;

namespace SocketIo.Protocol.SocketIO;

/// <summary>
/// One pass of <see cref="Utf8JsonReader"/> over a payload: validates the whole JSON value, records its shape,
/// and, for binary packets, checks every placeholder (PROTOCOL.md 2.5).
/// </summary>
internal static class PayloadScanner
{
    private const int MaxDepth = 64;

    /// <summary>
    /// Scans <paramref name="payload"/>. False when it is not exactly one JSON value;
    /// <paramref name="placeholdersValid"/> is false when a placeholder's <c>num</c> is not an integer in
    /// [0, <paramref name="attachments"/>).
    /// </summary>
    internal static bool TryScan(ReadOnlySpan<byte> payload, bool binary, int attachments, out PayloadShape shape, out bool placeholdersValid)
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

    private static bool Scan(ReadOnlySpan<byte> payload, bool binary, int attachments, out PayloadShape shape, out bool placeholdersValid)
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
            var reserved = first == JsonTokenType.String && ReservedEventNames.IsReserved(ref reader);
            var firstEnd = (int)reader.BytesConsumed;
            if (!binary && first is JsonTokenType.StartArray or JsonTokenType.StartObject)
            {
                reader.Skip();
                firstEnd = (int)reader.BytesConsumed;
            }

            shape = new PayloadShape
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
            shape = new PayloadShape { Root = root };
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

    /// <summary>Reads from the current token to the end, validating placeholders at any depth.</summary>
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
}
