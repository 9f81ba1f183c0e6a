using System.Text.Json;
using SocketIo.Engine.SocketIO;

namespace SocketIo.Host.Apps;

/// <summary>
/// Checks what a browser sends to the chat: every value is untrusted, so each reader returns null (with the error
/// the client is told) instead of throwing.
/// </summary>
internal static class ChatInput
{
    /// <summary>Longest nickname, after trimming.</summary>
    public const int MaxNicknameLength = 32;

    /// <summary>Longest room name.</summary>
    public const int MaxRoomLength = 32;

    /// <summary>Longest message, after trimming.</summary>
    public const int MaxMessageLength = 500;

    /// <summary>A nickname: a string, trimmed, 1 to 32 characters, no control characters.</summary>
    public static string? Nickname(JsonElement value, out string error)
    {
        var text = value.ValueKind == JsonValueKind.String ? value.GetString()!.Trim() : null;
        error = text switch
        {
            null => "nickname must be a string",
            { Length: 0 } => "nickname must not be empty",
            { Length: > MaxNicknameLength } => $"nickname must be at most {MaxNicknameLength} characters",
            _ when text.Any(char.IsControl) => "nickname must not contain control characters",
            _ => "",
        };
        return error.Length == 0 ? text : null;
    }

    /// <summary>A room name: a string, trimmed, 1 to 32 characters of <c>A-Z a-z 0-9 space _ -</c>.</summary>
    public static string? Room(JsonElement value, out string error)
    {
        var text = value.ValueKind == JsonValueKind.String ? value.GetString()!.Trim() : null;
        error = text switch
        {
            null => "room must be a string",
            { Length: 0 } => "room must not be empty",
            { Length: > MaxRoomLength } => $"room must be at most {MaxRoomLength} characters",
            _ when !text.All(IsRoomChar) => "room may only contain letters, digits, spaces, _ and -",
            _ => "",
        };
        return error.Length == 0 ? text : null;
    }

    /// <summary>A message text: a string, trimmed, 1 to 500 characters.</summary>
    public static string? MessageText(JsonElement value, out string error)
    {
        var text = value.ValueKind == JsonValueKind.String ? value.GetString()!.Trim() : null;
        error = text switch
        {
            null => "text must be a string",
            { Length: 0 } => "text must not be empty",
            { Length: > MaxMessageLength } => $"text must be at most {MaxMessageLength} characters",
            _ => "",
        };
        return error.Length == 0 ? text : null;
    }

    /// <summary>The first argument of <paramref name="e"/>, or an undefined element when there is none.</summary>
    public static JsonElement First(SocketIoEvent e) => e.Count > 0 ? e.GetElement(0) : default;

    /// <summary>Property <paramref name="name"/> of an object argument, or an undefined element.</summary>
    public static JsonElement Property(JsonElement value, string name) =>
        value.ValueKind == JsonValueKind.Object && value.TryGetProperty(name, out var property) ? property : default;

    private static bool IsRoomChar(char c) => char.IsAsciiLetterOrDigit(c) || c is ' ' or '_' or '-';
}
