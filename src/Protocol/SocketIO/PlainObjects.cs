using System.Text.Json;

namespace SocketIo.Protocol.SocketIO;

/// <summary>The <see cref="IElementObjectPolicy"/> of text packets: objects are plain data.</summary>
internal struct PlainObjects : IElementObjectPolicy
{
    /// <inheritdoc />
    public readonly bool InspectsObjects => false;

    /// <inheritdoc />
    public readonly void OnObjectStart()
    {
    }

    /// <inheritdoc />
    public readonly bool OnPropertyName(ReadOnlySpan<byte> raw, bool escaped) => true;

    /// <inheritdoc />
    public readonly void OnPropertyValue(JsonValueKind kind, ReadOnlySpan<byte> text)
    {
    }

    /// <inheritdoc />
    public readonly void OnObjectEnd()
    {
    }
}
