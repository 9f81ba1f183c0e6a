using System.Buffers;
using System.Globalization;

namespace SocketIo.Protocol.Json;

/// <summary>
/// Rewrites JSON text into the exact bytes JavaScript's <c>JSON.stringify(JSON.parse(text))</c> produces
/// (PROTOCOL.md 2.2, trap 1), in one pass and without allocating: whitespace removed; strings re-escaped
/// (only <c>"</c>, <c>\</c> and controls escaped, lowercase hex, every other escape written literally,
/// surrogate-pair escapes joined into UTF-8, lone surrogates kept as <c>\udxxx</c>); numbers in JS layout
/// (<c>1</c> not <c>1.0</c>, <c>1e+21</c>, <c>1e-7</c>, <c>0</c> for <c>-0</c>). Integer literals of up to
/// 21 digits are kept digit for digit, so 64-bit ids are not rounded to a double.
/// </summary>
/// <remarks>
/// The input is expected to be valid JSON (the output of a JSON writer, or text already validated); the
/// normalizer checks only what it must look at and reports <see cref="OperationStatus.InvalidData"/> then.
/// </remarks>
public static class JsonStringify
{
    /// <summary>Normalizes <paramref name="json"/> into <paramref name="destination"/>.</summary>
    /// <returns><see cref="OperationStatus.Done"/>, <see cref="OperationStatus.DestinationTooSmall"/> or <see cref="OperationStatus.InvalidData"/>.</returns>
    public static OperationStatus Normalize(ReadOnlySpan<byte> json, Span<byte> destination, out int bytesWritten)
    {
        var read = 0;
        var written = 0;
        var status = OperationStatus.Done;
        while (read < json.Length && status == OperationStatus.Done)
        {
            var c = json[read];
            switch (c)
            {
                case (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r':
                    read++;
                    break;
                case (byte)'"':
                    status = NormalizeString(json, ref read, destination, ref written);
                    break;
                case (byte)'-' or (>= (byte)'0' and <= (byte)'9'):
                    status = NormalizeNumber(json, ref read, destination, ref written);
                    break;
                case (byte)'{' or (byte)'}' or (byte)'[' or (byte)']' or (byte)',' or (byte)':':
                    if (written == destination.Length)
                    {
                        status = OperationStatus.DestinationTooSmall;
                        break;
                    }

                    destination[written++] = c;
                    read++;
                    break;
                case (byte)'t':
                    status = CopyLiteral("true"u8, json, ref read, destination, ref written);
                    break;
                case (byte)'f':
                    status = CopyLiteral("false"u8, json, ref read, destination, ref written);
                    break;
                case (byte)'n':
                    status = CopyLiteral("null"u8, json, ref read, destination, ref written);
                    break;
                default:
                    status = OperationStatus.InvalidData;
                    break;
            }
        }

        bytesWritten = written;
        return status;
    }

    /// <summary>Normalizes <paramref name="json"/> into <paramref name="output"/>; false when it is not JSON.</summary>
    public static bool Normalize(ReadOnlySpan<byte> json, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);

        // Output rarely outgrows the input (numbers like 1E+20 do), so start with a small margin and retry bigger.
        var hint = json.Length + 64;
        while (true)
        {
            var status = Normalize(json, output.GetSpan(hint), out var written);
            switch (status)
            {
                case OperationStatus.Done:
                    output.Advance(written);
                    return true;
                case OperationStatus.DestinationTooSmall:
                    hint *= 2;
                    break;
                default:
                    return false;
            }
        }
    }

    private static OperationStatus CopyLiteral(ReadOnlySpan<byte> literal, ReadOnlySpan<byte> json, ref int read, Span<byte> destination, ref int written)
    {
        if (!json[read..].StartsWith(literal))
        {
            return OperationStatus.InvalidData;
        }

        if (!literal.TryCopyTo(destination[written..]))
        {
            return OperationStatus.DestinationTooSmall;
        }

        read += literal.Length;
        written += literal.Length;
        return OperationStatus.Done;
    }

    private static OperationStatus NormalizeString(ReadOnlySpan<byte> json, ref int read, Span<byte> destination, ref int written)
    {
        var r = read + 1;
        var w = written;
        if (w == destination.Length)
        {
            return OperationStatus.DestinationTooSmall;
        }

        destination[w++] = (byte)'"';
        while (true)
        {
            var next = json[r..].IndexOfAny(JsonEscapes.Utf8BytesToEscape);
            if (next < 0)
            {
                return OperationStatus.InvalidData;
            }

            if (!json.Slice(r, next).TryCopyTo(destination[w..]))
            {
                return OperationStatus.DestinationTooSmall;
            }

            r += next;
            w += next;
            var c = json[r];
            if (c == '"')
            {
                if (w == destination.Length)
                {
                    return OperationStatus.DestinationTooSmall;
                }

                destination[w++] = c;
                read = r + 1;
                written = w;
                return OperationStatus.Done;
            }

            if (c != '\\' || r + 1 >= json.Length)
            {
                return OperationStatus.InvalidData;
            }

            if (destination.Length - w < 6)
            {
                return OperationStatus.DestinationTooSmall;
            }

            switch (json[r + 1])
            {
                case (byte)'"' or (byte)'\\' or (byte)'b' or (byte)'f' or (byte)'n' or (byte)'r' or (byte)'t':
                    destination[w++] = (byte)'\\';
                    destination[w++] = json[r + 1];
                    r += 2;
                    break;
                case (byte)'/':
                    destination[w++] = (byte)'/';
                    r += 2;
                    break;
                case (byte)'u':
                    {
                        var consumed = JsonHex.ReadUnicodeEscape(json[r..], out var value);
                        if (consumed == 0)
                        {
                            return OperationStatus.InvalidData;
                        }

                        w += JsonEscapes.MustEscape(value) || value is >= 0xD800 and <= 0xDFFF
                            ? JsonEscapes.Write(value, destination[w..])
                            : JsonHex.WriteUtf8(value, destination[w..]);
                        r += consumed;
                        break;
                    }

                default:
                    return OperationStatus.InvalidData;
            }
        }
    }

    private static OperationStatus NormalizeNumber(ReadOnlySpan<byte> json, ref int read, Span<byte> destination, ref int written)
    {
        var end = read;
        var isInteger = true;
        while (end < json.Length)
        {
            var c = json[end];
            if (c is (byte)'.' or (byte)'e' or (byte)'E' or (byte)'+')
            {
                isInteger = false;
            }
            else if (c is not ((byte)'-' or (>= (byte)'0' and <= (byte)'9')))
            {
                break;
            }

            end++;
        }

        var number = json[read..end];
        var digitCount = number.Length - (number[0] == '-' ? 1 : 0);
        if (isInteger && digitCount is > 0 and <= 21 && !number.SequenceEqual("-0"u8) && number.LastIndexOf((byte)'-') <= 0)
        {
            if (!number.TryCopyTo(destination[written..]))
            {
                return OperationStatus.DestinationTooSmall;
            }

            written += number.Length;
            read = end;
            return OperationStatus.Done;
        }

        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            return OperationStatus.InvalidData;
        }

        if (!JsNumberFormatter.TryFormat(value, destination[written..], out var length))
        {
            return OperationStatus.DestinationTooSmall;
        }

        written += length;
        read = end;
        return OperationStatus.Done;
    }
}
