using System.Text.Json;

namespace SocketIo.Protocol.SocketIO;

/// <summary>
/// What <see cref="PayloadArrayScanner"/> does with the objects among a payload's top-level elements, besides
/// validating them: nothing for text packets (<see cref="PlainObjects"/>), the placeholder checks for binary
/// ones (<see cref="PlaceholderObjects"/>). A struct type argument, so the text path compiles to no code at all.
/// </summary>
internal interface IElementObjectPolicy
{
    /// <summary>
    /// True when the policy looks inside objects (a constant per policy, so the text path compiles without the
    /// calls). Such a policy must see every object, so a container it could not reach (inside an element) gives
    /// the payload back to the general scan.
    /// </summary>
    bool InspectsObjects { get; }

    /// <summary>An object element starts.</summary>
    void OnObjectStart();

    /// <summary>A property name of the object (raw JSON string content); false gives the payload back to the general scan.</summary>
    bool OnPropertyName(ReadOnlySpan<byte> raw, bool escaped);

    /// <summary>The value of the property just named: its kind and, for scalars, its text.</summary>
    void OnPropertyValue(JsonValueKind kind, ReadOnlySpan<byte> text);

    /// <summary>The object element ends.</summary>
    void OnObjectEnd();
}
