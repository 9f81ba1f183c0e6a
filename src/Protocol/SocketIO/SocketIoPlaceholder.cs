using System.Text.Json;
using SocketIo.Protocol.Json;

namespace SocketIo.Protocol.SocketIO;

/// <summary>The <c>{"_placeholder":true,"num":N}</c> object that stands for a binary attachment (PROTOCOL.md 2.5).</summary>
public static class SocketIoPlaceholder
{
    private static readonly JsonEncodedText PlaceholderName = JsonEncodedText.Encode("_placeholder");
    private static readonly JsonEncodedText NumName = JsonEncodedText.Encode("num");

    /// <summary>True when <paramref name="json"/> is one placeholder object; <paramref name="number"/> is its <c>num</c>.</summary>
    public static bool TryRead(ReadOnlySpan<byte> json, out int number)
    {
        number = -1;
        var reader = new Utf8JsonReader(json);
        try
        {
            return reader.Read() && TryRead(ref reader, out number) && !reader.Read();
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>
    /// With <paramref name="reader"/> on a StartObject, reads the object to its end and reports whether it is a
    /// placeholder with an integer <c>num</c> (0 or more).
    /// </summary>
    internal static bool TryRead(ref Utf8JsonReader reader, out int number)
    {
        number = -1;
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        var isPlaceholder = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isFlag = JsonValueText.EqualsLiteral(in reader, "_placeholder"u8);
            var isNum = !isFlag && JsonValueText.EqualsLiteral(in reader, "num"u8);
            reader.Read();
            if (isFlag)
            {
                isPlaceholder = reader.TokenType == JsonTokenType.True;
            }
            else if (isNum)
            {
                number = reader.TokenType == JsonTokenType.Number && reader.TryGetDouble(out var value)
                    && value >= 0 && value < int.MaxValue && value == Math.Floor(value) ? (int)value : -1;
            }
            else
            {
                reader.Skip();
            }
        }

        return isPlaceholder && number >= 0;
    }

    /// <summary>Writes <c>{"_placeholder":true,"num":N}</c> (keys in this order, as the reference does).</summary>
    internal static void Write(Utf8JsonWriter writer, int number)
    {
        writer.WriteStartObject();
        writer.WriteBoolean(PlaceholderName, true);
        writer.WriteNumber(NumName, number);
        writer.WriteEndObject();
    }
}
