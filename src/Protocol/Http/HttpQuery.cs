namespace SocketIo.Protocol.Http;

/// <summary>
/// Query-string lookups with <c>URLSearchParams</c> semantics (PROTOCOL.md §1.1): pairs split on <c>&amp;</c>,
/// name and value split at the first <c>=</c>, <c>+</c> is a space, <c>%XX</c> is decoded, and the last value
/// wins for a repeated name. Nothing allocates: values are returned raw and decoded on demand into a caller span.
/// Decoded bytes are UTF-8 as sent; a caller wanting a string decodes them (invalid sequences become U+FFFD
/// in <c>URLSearchParams</c>, which <c>Encoding.UTF8.GetString</c> also does).
/// </summary>
internal static class HttpQuery
{
    /// <summary>
    /// Finds the last parameter whose decoded name is <paramref name="name"/>; <paramref name="rawValue"/> is still
    /// encoded (decode it with <see cref="TryDecode"/>, or compare with <see cref="ValueEquals"/>).
    /// </summary>
    public static bool TryGetRawValue(ReadOnlySpan<byte> query, ReadOnlySpan<byte> name, out ReadOnlySpan<byte> rawValue)
    {
        var found = false;
        rawValue = default;
        foreach (var pair in new HttpQueryEnumerator(query))
        {
            if (HttpPercentDecoding.DecodedEquals(pair.RawName, name, plusAsSpace: true))
            {
                rawValue = pair.RawValue;
                found = true;
            }
        }

        return found;
    }

    /// <summary>
    /// Decodes the value of parameter <paramref name="name"/> into <paramref name="destination"/>. False when the
    /// parameter is absent or the destination is too small (a span as long as the query always fits).
    /// </summary>
    public static bool TryGetValue(ReadOnlySpan<byte> query, ReadOnlySpan<byte> name, Span<byte> destination, out int written)
    {
        written = 0;
        return TryGetRawValue(query, name, out var raw) && TryDecode(raw, destination, out written);
    }

    /// <summary>True when parameter <paramref name="name"/> is present (even with an empty value).</summary>
    public static bool Contains(ReadOnlySpan<byte> query, ReadOnlySpan<byte> name) => TryGetRawValue(query, name, out _);

    /// <summary>True when parameter <paramref name="name"/> is present and its decoded value is <paramref name="expected"/>.</summary>
    public static bool ValueEquals(ReadOnlySpan<byte> query, ReadOnlySpan<byte> name, ReadOnlySpan<byte> expected)
        => TryGetRawValue(query, name, out var raw) && HttpPercentDecoding.DecodedEquals(raw, expected, plusAsSpace: true);

    /// <summary>Form-decodes one raw name or value (<c>+</c> to space, <c>%XX</c>).</summary>
    public static bool TryDecode(ReadOnlySpan<byte> raw, Span<byte> destination, out int written)
        => HttpPercentDecoding.TryDecode(raw, destination, plusAsSpace: true, out written);
}
