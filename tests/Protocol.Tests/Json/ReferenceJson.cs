using System.Text.Json;
using System.Text.Unicode;
using SocketIo.Protocol.Json;

namespace SocketIo.Protocol.Tests.Json;

/// <summary>The oracle for the validator: strict Utf8JsonReader (which does not check UTF-8 inside strings, so that is added).</summary>
internal static class ReferenceJson
{
    internal static bool Accepts(ReadOnlySpan<byte> utf8, int maxDepth = JsonValidator.DefaultMaxDepth)
    {
        if (!Utf8.IsValid(utf8))
        {
            return false;
        }

        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions
        {
            MaxDepth = maxDepth,
            CommentHandling = JsonCommentHandling.Disallow,
            AllowTrailingCommas = false,
        });
        try
        {
            while (reader.Read())
            {
            }

            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>What Utf8JsonReader reports, in the form of <see cref="RecordingObserver"/>'s events.</summary>
    internal static List<string> Events(ReadOnlySpan<byte> utf8)
    {
        var events = new List<string>();
        var reader = new Utf8JsonReader(utf8);
        while (reader.Read())
        {
            var depth = reader.CurrentDepth;
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject or JsonTokenType.StartArray:
                    events.Add(RecordingObserver.Start(Kind(reader.TokenType), depth, (int)reader.TokenStartIndex));
                    break;
                case JsonTokenType.EndObject or JsonTokenType.EndArray:
                    events.Add(RecordingObserver.End(Kind(reader.TokenType), depth, (int)reader.BytesConsumed));
                    break;
                case JsonTokenType.PropertyName:
                    events.Add(RecordingObserver.Name(reader.ValueSpan, reader.ValueIsEscaped, depth));
                    break;
                default:
                    var escaped = reader.TokenType == JsonTokenType.String && reader.ValueIsEscaped;
                    events.Add(RecordingObserver.Scalar(Kind(reader.TokenType), depth, (int)reader.TokenStartIndex, (int)reader.BytesConsumed, escaped));
                    break;
            }
        }

        return events;
    }

    private static JsonValueKind Kind(JsonTokenType token) => token switch
    {
        JsonTokenType.StartObject or JsonTokenType.EndObject => JsonValueKind.Object,
        JsonTokenType.StartArray or JsonTokenType.EndArray => JsonValueKind.Array,
        JsonTokenType.String => JsonValueKind.String,
        JsonTokenType.Number => JsonValueKind.Number,
        JsonTokenType.True => JsonValueKind.True,
        JsonTokenType.False => JsonValueKind.False,
        _ => JsonValueKind.Null,
    };
}
