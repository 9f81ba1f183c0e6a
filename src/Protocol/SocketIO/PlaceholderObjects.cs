using System.Text.Json;

namespace SocketIo.Protocol.SocketIO;

/// <summary>
/// The <see cref="IElementObjectPolicy"/> of binary packets: an object whose <c>_placeholder</c> is
/// <c>true</c> must have a <c>num</c> that indexes an attachment (PROTOCOL.md 2.5), the same rule as
/// <see cref="PayloadScanner"/> applies at every depth. JS keeps the last of duplicate keys, and so does this.
/// Escaped names and nested containers are left to <see cref="PayloadScanner"/>.
/// </summary>
internal struct PlaceholderObjects(int attachments) : IElementObjectPolicy
{
    private readonly int _attachments = attachments;
    private PropertyKind _pending;
    private bool _isPlaceholder;
    private int _num;

    private enum PropertyKind : byte
    {
        Other,
        Placeholder,
        Num,
    }

    /// <summary>False once a placeholder's <c>num</c> was not a valid attachment index.</summary>
    public bool Valid { get; private set; } = true;

    /// <inheritdoc />
    public readonly bool SeesProperties => true;

    /// <inheritdoc />
    public readonly bool AllowsNestedContainers => false;

    /// <inheritdoc />
    public void OnObjectStart()
    {
        _isPlaceholder = false;
        _num = -1;
    }

    /// <inheritdoc />
    public bool OnPropertyName(ReadOnlySpan<byte> raw, bool escaped)
    {
        _pending = raw.Length switch
        {
            12 when raw.SequenceEqual("_placeholder"u8) => PropertyKind.Placeholder,
            3 when raw.SequenceEqual("num"u8) => PropertyKind.Num,
            _ => PropertyKind.Other,
        };
        return !escaped;
    }

    /// <inheritdoc />
    public void OnPropertyValue(JsonValueKind kind, ReadOnlySpan<byte> text)
    {
        if (_pending == PropertyKind.Placeholder)
        {
            _isPlaceholder = kind == JsonValueKind.True;
        }
        else if (_pending == PropertyKind.Num)
        {
            _num = kind == JsonValueKind.Number ? PayloadScanner.ParseIndex(text) : -1;
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
