using System.Text.Json;

namespace SocketIo.Protocol.Json;

/// <summary>
/// Receives what <see cref="JsonValidator"/> meets during its single pass, so a caller can learn the shape it
/// needs without a second scan. Implement it on a struct (or ref struct): the validator is generic over it, so
/// the JIT specializes the scan and inlines the callbacks. The callbacks see a value only once its syntax is
/// known to be valid, but the document as a whole may still turn out invalid.
/// </summary>
/// <remarks>
/// A value's depth is the number of containers around it: 0 for the top-level value, 1 for the elements or
/// property values of a top-level array or object.
/// </remarks>
internal interface IJsonScanObserver
{
    /// <summary>A string, number, <c>true</c>, <c>false</c> or <c>null</c> at bytes [start, end) (quotes included).</summary>
    /// <param name="kind">What the value is.</param>
    /// <param name="depth">The value's depth.</param>
    /// <param name="start">Offset of its first byte.</param>
    /// <param name="end">Offset just after its last byte.</param>
    /// <param name="escaped">For strings: true when it contains a backslash escape.</param>
    void OnScalar(JsonValueKind kind, int depth, int start, int end, bool escaped);

    /// <summary>An object or array opens at <paramref name="start"/> (the offset of its bracket).</summary>
    /// <param name="kind">Object or Array.</param>
    /// <param name="depth">The container's own depth (as a value).</param>
    /// <param name="start">Offset of the opening bracket.</param>
    void OnContainerStart(JsonValueKind kind, int depth, int start);

    /// <summary>An object or array closes; <paramref name="end"/> is the offset just after its bracket.</summary>
    /// <param name="kind">Object or Array.</param>
    /// <param name="depth">The container's own depth (as a value).</param>
    /// <param name="end">Offset just after the closing bracket.</param>
    void OnContainerEnd(JsonValueKind kind, int depth, int end);

    /// <summary>A property name; its value follows at <paramref name="depth"/>.</summary>
    /// <param name="raw">The name between the quotes, escapes not resolved.</param>
    /// <param name="escaped">True when <paramref name="raw"/> contains a backslash escape.</param>
    /// <param name="depth">The depth of the property's value (the object's depth + 1).</param>
    void OnPropertyName(ReadOnlySpan<byte> raw, bool escaped, int depth);
}
