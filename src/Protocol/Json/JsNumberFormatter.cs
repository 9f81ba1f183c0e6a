using System.Globalization;

namespace SocketIo.Protocol.Json;

/// <summary>
/// Formats a double as JavaScript's <c>Number.prototype.toString</c> (and so <c>JSON.stringify</c>) does:
/// the shortest round-trip digits, plain notation for decimal exponents in [-6, 21), otherwise
/// <c>d.ddde+x</c> / <c>d.ddde-x</c>; <c>-0</c> is <c>0</c>; NaN and infinities are <c>null</c>.
/// </summary>
internal static class JsNumberFormatter
{
    /// <summary>Longest output: sign, 17 digits, "0." and five zeros or a point and "e-324".</summary>
    internal const int MaxLength = 32;

    /// <summary>Writes <paramref name="value"/>; false only when <paramref name="destination"/> is too small.</summary>
    internal static bool TryFormat(double value, Span<byte> destination, out int written)
    {
        written = 0;
        if (!double.IsFinite(value))
        {
            return TryCopy("null"u8, destination, ref written);
        }

        if (value == 0)
        {
            return TryCopy("0"u8, destination, ref written);
        }

        // .NET's shortest round-trip "R" gives the same digits as ECMAScript's Number::toString; only the
        // layout differs, so take the digits and exponent from it and lay them out the JS way.
        Span<byte> roundTrip = stackalloc byte[MaxLength];
        if (!value.TryFormat(roundTrip, out var length, "R", CultureInfo.InvariantCulture))
        {
            return false;
        }

        Span<byte> digits = stackalloc byte[MaxLength];
        var digitCount = 0;
        var pointPosition = -1;
        var exponent = 0;
        var negative = false;
        var text = roundTrip[..length];
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '-')
            {
                negative = true;
            }
            else if (c == '.')
            {
                pointPosition = digitCount;
            }
            else if (c is (byte)'E' or (byte)'e')
            {
                exponent = ParseExponent(text[(i + 1)..]);
                break;
            }
            else
            {
                digits[digitCount++] = c;
            }
        }

        // n = position of the decimal point relative to the digit string (ECMAScript's "n").
        var n = (pointPosition < 0 ? digitCount : pointPosition) + exponent;
        var start = 0;
        while (start < digitCount - 1 && digits[start] == '0')
        {
            start++;
            n--;
        }

        var end = digitCount;
        while (end > start + 1 && digits[end - 1] == '0')
        {
            end--;
        }

        return TryLayout(negative, digits[start..end], n, destination, out written);
    }

    private static bool TryLayout(bool negative, ReadOnlySpan<byte> digits, int n, Span<byte> destination, out int written)
    {
        written = 0;
        var k = digits.Length;
        if (destination.Length < MaxLength)
        {
            return false;
        }

        if (negative)
        {
            destination[written++] = (byte)'-';
        }

        if (k <= n && n <= 21)
        {
            digits.CopyTo(destination[written..]);
            written += k;
            destination.Slice(written, n - k).Fill((byte)'0');
            written += n - k;
        }
        else if (0 < n && n <= 21)
        {
            digits[..n].CopyTo(destination[written..]);
            written += n;
            destination[written++] = (byte)'.';
            digits[n..].CopyTo(destination[written..]);
            written += k - n;
        }
        else if (-6 < n && n <= 0)
        {
            destination[written++] = (byte)'0';
            destination[written++] = (byte)'.';
            destination.Slice(written, -n).Fill((byte)'0');
            written += -n;
            digits.CopyTo(destination[written..]);
            written += k;
        }
        else
        {
            destination[written++] = digits[0];
            if (k > 1)
            {
                destination[written++] = (byte)'.';
                digits[1..].CopyTo(destination[written..]);
                written += k - 1;
            }

            var e = n - 1;
            destination[written++] = (byte)'e';
            destination[written++] = e < 0 ? (byte)'-' : (byte)'+';
            e.TryFormat(destination[written..], out var expLength, default, CultureInfo.InvariantCulture);
            if (e < 0)
            {
                // TryFormat wrote the minus sign again; drop it.
                destination.Slice(written + 1, expLength - 1).CopyTo(destination[written..]);
                expLength--;
            }

            written += expLength;
        }

        return true;
    }

    private static int ParseExponent(ReadOnlySpan<byte> text)
    {
        var sign = 1;
        var i = 0;
        if (i < text.Length && text[i] is (byte)'+' or (byte)'-')
        {
            sign = text[i] == '-' ? -1 : 1;
            i++;
        }

        var value = 0;
        for (; i < text.Length; i++)
        {
            value = (value * 10) + (text[i] - '0');
        }

        return sign * value;
    }

    private static bool TryCopy(ReadOnlySpan<byte> text, Span<byte> destination, ref int written)
    {
        if (!text.TryCopyTo(destination))
        {
            return false;
        }

        written = text.Length;
        return true;
    }
}
