using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace SocketIo.Protocol.SocketIO;

/// <summary>
/// The <see cref="IElementObjectPolicy"/> of binary packets, and the placeholder rule itself (PROTOCOL.md 2.5),
/// which <see cref="PayloadScanner"/> applies at every depth too: an object whose <c>_placeholder</c> is
/// <c>true</c> must have a <c>num</c> that indexes an attachment. JS keeps the last of duplicate keys, and so
/// does this. Escaped names and nested containers are left to <see cref="PayloadScanner"/>.
/// </summary>
internal struct PlaceholderObjects(int attachments) : IElementObjectPolicy
{
    private readonly int _attachments = attachments;
    private PlaceholderProperty _pending;
    private bool _isPlaceholder;
    private int _num;

    /// <summary>False once a placeholder's <c>num</c> was not a valid attachment index.</summary>
    public bool Valid { get; private set; } = true;

    /// <inheritdoc />
    public readonly bool InspectsObjects => true;

    /// <summary>What the (unescaped) property <paramref name="name"/> means to the placeholder rule.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static PlaceholderProperty Classify(ReadOnlySpan<byte> name) => name.Length switch
    {
        12 => name.SequenceEqual("_placeholder"u8) ? PlaceholderProperty.Placeholder : PlaceholderProperty.Other,
        3 => name.SequenceEqual("num"u8) ? PlaceholderProperty.Num : PlaceholderProperty.Other,
        _ => PlaceholderProperty.Other,
    };

    /// <summary>A <c>num</c> value as an attachment index: a non-negative integer below int.MaxValue, else -1.</summary>
    internal static int Index(JsonValueKind kind, ReadOnlySpan<byte> number)
    {
        if (kind != JsonValueKind.Number)
        {
            return -1;
        }

        // The common case, plain digits (the JSON is valid, so no leading zeros), without a vectorized call.
        if (number.Length <= 9)
        {
            var value = 0;
            var i = 0;
            for (; i < number.Length && (uint)(number[i] - '0') <= 9; i++)
            {
                value = (value * 10) + (number[i] - '0');
            }

            if (i == number.Length)
            {
                return value;
            }
        }

        // Fractions, exponents and "-0" take the general route; JS compares the double value.
        return double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)
            && d >= 0 && d < int.MaxValue && d == Math.Floor(d) ? (int)d : -1;
    }

    /// <inheritdoc />
    public void OnObjectStart()
    {
        _isPlaceholder = false;
        _num = -1;
    }

    /// <inheritdoc />
    public bool OnPropertyName(ReadOnlySpan<byte> raw, bool escaped)
    {
        _pending = Classify(raw);
        return !escaped;
    }

    /// <inheritdoc />
    public void OnPropertyValue(JsonValueKind kind, ReadOnlySpan<byte> text)
    {
        if (_pending == PlaceholderProperty.Placeholder)
        {
            _isPlaceholder = kind == JsonValueKind.True;
        }
        else if (_pending == PlaceholderProperty.Num)
        {
            _num = Index(kind, text);
        }
    }

    /// <inheritdoc />
    public void OnObjectEnd()
    {
        if (_isPlaceholder && (uint)_num >= (uint)_attachments)
        {
            Valid = false;
        }
    }
}
