using System.Text.Json;

namespace SocketIo.Protocol.Json;

/// <summary>
/// Compares a string or property-name token with a short literal. Unlike
/// <see cref="Utf8JsonReader.ValueTextEquals(ReadOnlySpan{byte})"/> it never throws: escaped lone surrogates
/// (valid JSON, common in fuzzed and JS-produced text) simply do not match.
/// </summary>
internal static class JsonValueText
{
    private const int MaxLiteralLength = 64;

    /// <summary>True when the current token's unescaped text equals <paramref name="utf8Literal"/> (at most 64 bytes).</summary>
    internal static bool EqualsLiteral(ref readonly Utf8JsonReader reader, ReadOnlySpan<byte> utf8Literal)
    {
        var raw = reader.ValueSpan;
        if (!reader.ValueIsEscaped)
        {
            return raw.SequenceEqual(utf8Literal);
        }

        Span<byte> buffer = stackalloc byte[MaxLiteralLength];
        return JsonStringUnescaper.TryUnescape(raw, buffer, out var length) && buffer[..length].SequenceEqual(utf8Literal);
    }
}
