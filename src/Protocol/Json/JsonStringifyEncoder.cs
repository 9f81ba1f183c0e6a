using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace SocketIo.Protocol.Json;

/// <summary>
/// A <see cref="JavaScriptEncoder"/> that escapes strings exactly as JavaScript's <c>JSON.stringify</c>: only
/// <c>"</c>, <c>\</c> and U+0000-U+001F (short forms or lowercase <c>\u00xx</c>), and unpaired surrogates as
/// <c>\udxxx</c>; everything else, including non-ASCII, U+2028/U+2029 and <c>&lt; &gt; &amp; ' +</c>, is written
/// literally. Unlike the built-in encoders it keeps lone surrogates instead of replacing them with U+FFFD.
/// Use it in <see cref="System.Text.Json.JsonSerializerOptions.Encoder"/> or
/// <see cref="System.Text.Json.JsonWriterOptions.Encoder"/>.
/// </summary>
public sealed class JsonStringifyEncoder : JavaScriptEncoder
{
    private JsonStringifyEncoder()
    {
    }

    /// <summary>The shared instance (the encoder is stateless).</summary>
    public static JsonStringifyEncoder Instance { get; } = new();

    /// <inheritdoc />
    public override int MaxOutputCharactersPerInputCharacter => 6;

    /// <inheritdoc />
    public override bool WillEncode(int unicodeScalar) =>
        JsonEscapes.MustEscape(unicodeScalar) || unicodeScalar is >= 0xD800 and <= 0xDFFF;

    /// <inheritdoc />
    public override unsafe int FindFirstCharacterToEncode(char* text, int textLength)
    {
        ArgumentNullException.ThrowIfNull(text);
        return FindFirst(new ReadOnlySpan<char>(text, textLength));
    }

    /// <inheritdoc />
    public override int FindFirstCharacterToEncodeUtf8(ReadOnlySpan<byte> utf8Text)
    {
        // Invalid UTF-8 must reach EncodeUtf8 so the writer reports it instead of emitting it.
        if (!Utf8.IsValid(utf8Text))
        {
            return 0;
        }

        return utf8Text.IndexOfAny(JsonEscapes.Utf8BytesToEscape);
    }

    /// <inheritdoc />
    public override unsafe bool TryEncodeUnicodeScalar(int unicodeScalar, char* buffer, int bufferLength, out int numberOfCharactersWritten)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        var destination = new Span<char>(buffer, bufferLength);
        if (WillEncode(unicodeScalar))
        {
            if (bufferLength < JsonEscapes.EscapedLength(unicodeScalar))
            {
                numberOfCharactersWritten = 0;
                return false;
            }

            numberOfCharactersWritten = JsonEscapes.Write(unicodeScalar, destination);
            return true;
        }

        return new Rune(unicodeScalar).TryEncodeToUtf16(destination, out numberOfCharactersWritten);
    }

    /// <inheritdoc />
    public override OperationStatus Encode(ReadOnlySpan<char> source, Span<char> destination, out int charsConsumed, out int charsWritten, bool isFinalBlock = true)
    {
        var read = 0;
        var written = 0;
        while (read < source.Length)
        {
            var next = FindFirst(source[read..]);
            var run = next < 0 ? source.Length - read : next;
            if (!source.Slice(read, run).TryCopyTo(destination[written..]))
            {
                charsConsumed = read;
                charsWritten = written;
                return OperationStatus.DestinationTooSmall;
            }

            read += run;
            written += run;
            if (next < 0)
            {
                break;
            }

            int c = source[read];
            if (char.IsHighSurrogate((char)c) && read + 1 == source.Length && !isFinalBlock)
            {
                charsConsumed = read;
                charsWritten = written;
                return OperationStatus.NeedMoreData;
            }

            if (destination.Length - written < JsonEscapes.EscapedLength(c))
            {
                charsConsumed = read;
                charsWritten = written;
                return OperationStatus.DestinationTooSmall;
            }

            written += JsonEscapes.Write(c, destination[written..]);
            read++;
        }

        charsConsumed = read;
        charsWritten = written;
        return OperationStatus.Done;
    }

    /// <inheritdoc />
    public override OperationStatus EncodeUtf8(ReadOnlySpan<byte> utf8Source, Span<byte> utf8Destination, out int bytesConsumed, out int bytesWritten, bool isFinalBlock = true)
    {
        var read = 0;
        var written = 0;
        while (read < utf8Source.Length)
        {
            var remaining = utf8Source[read..];
            var next = remaining.IndexOfAny(JsonEscapes.Utf8BytesToEscape);
            var run = next < 0 ? remaining.Length : next;
            var chunk = remaining[..run];
            if (!Utf8.IsValid(chunk))
            {
                var status = ValidPrefixLength(chunk, out var validLength);
                var copied = Math.Min(validLength, utf8Destination.Length - written);
                chunk[..copied].CopyTo(utf8Destination[written..]);
                bytesConsumed = read + copied;
                bytesWritten = written + copied;
                if (copied < validLength)
                {
                    return OperationStatus.DestinationTooSmall;
                }

                return status == OperationStatus.NeedMoreData && (isFinalBlock || next >= 0) ? OperationStatus.InvalidData : status;
            }

            if (!chunk.TryCopyTo(utf8Destination[written..]))
            {
                bytesConsumed = read;
                bytesWritten = written;
                return OperationStatus.DestinationTooSmall;
            }

            read += run;
            written += run;
            if (next < 0)
            {
                break;
            }

            int c = utf8Source[read];
            if (utf8Destination.Length - written < JsonEscapes.EscapedLength(c))
            {
                bytesConsumed = read;
                bytesWritten = written;
                return OperationStatus.DestinationTooSmall;
            }

            written += JsonEscapes.Write(c, utf8Destination[written..]);
            read++;
        }

        bytesConsumed = read;
        bytesWritten = written;
        return OperationStatus.Done;
    }

    private static int FindFirst(ReadOnlySpan<char> text)
    {
        var offset = 0;
        while (true)
        {
            var i = text[offset..].IndexOfAny(JsonEscapes.CharsToInspect);
            if (i < 0)
            {
                return -1;
            }

            i += offset;
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                offset = i + 2;
                continue;
            }

            return i;
        }
    }

    private static OperationStatus ValidPrefixLength(ReadOnlySpan<byte> utf8, out int length)
    {
        length = 0;
        while (length < utf8.Length)
        {
            var status = Rune.DecodeFromUtf8(utf8[length..], out _, out var consumed);
            if (status != OperationStatus.Done)
            {
                return status;
            }

            length += consumed;
        }

        return OperationStatus.Done;
    }
}
