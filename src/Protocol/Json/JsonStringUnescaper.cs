namespace SocketIo.Protocol.Json;

/// <summary>Turns the raw content of a JSON string (between the quotes, already validated) into UTF-8.</summary>
internal static class JsonStringUnescaper
{
    /// <summary>
    /// Unescapes <paramref name="content"/> into <paramref name="destination"/>. The result is never longer than
    /// the input. Lone surrogates, which UTF-8 cannot carry, become U+FFFD. False when the destination is too
    /// small or an escape is malformed.
    /// </summary>
    internal static bool TryUnescape(ReadOnlySpan<byte> content, Span<byte> destination, out int written)
    {
        written = 0;
        var read = 0;
        Span<byte> utf8 = stackalloc byte[4];
        while (read < content.Length)
        {
            var slash = content[read..].IndexOf((byte)'\\');
            var run = slash < 0 ? content.Length - read : slash;
            if (!content.Slice(read, run).TryCopyTo(destination[written..]))
            {
                return false;
            }

            read += run;
            written += run;
            if (slash < 0)
            {
                return true;
            }

            if (read + 1 >= content.Length)
            {
                return false;
            }

            int value;
            var consumed = 2;
            switch (content[read + 1])
            {
                case (byte)'"': value = '"'; break;
                case (byte)'\\': value = '\\'; break;
                case (byte)'/': value = '/'; break;
                case (byte)'b': value = '\b'; break;
                case (byte)'f': value = '\f'; break;
                case (byte)'n': value = '\n'; break;
                case (byte)'r': value = '\r'; break;
                case (byte)'t': value = '\t'; break;
                case (byte)'u':
                    consumed = JsonHex.ReadUnicodeEscape(content[read..], out value);
                    if (consumed == 0)
                    {
                        return false;
                    }

                    if (value is >= 0xD800 and <= 0xDFFF)
                    {
                        value = 0xFFFD;
                    }

                    break;
                default:
                    return false;
            }

            var length = JsonHex.WriteUtf8(value, utf8);
            if (!utf8[..length].TryCopyTo(destination[written..]))
            {
                return false;
            }

            written += length;
            read += consumed;
        }

        return true;
    }
}
