using System.Runtime.CompilerServices;
using System.Text.Json;
using SocketIo.Protocol.Json;

namespace SocketIo.Protocol.SocketIO;

/// <summary>
/// One pass over a payload: validates the whole JSON value, records its shape and, for binary packets, checks
/// every placeholder (PROTOCOL.md 2.5) as the objects close. Arrays (events, acks, and binary ones whose elements
/// hold no container) take <see cref="PayloadArrayScanner"/>; other payloads take <see cref="JsonValidator"/> with
/// <see cref="PayloadShapeRecorder"/>, and binary ones with this observer.
/// </summary>
internal ref struct PayloadScanner : IJsonScanObserver
{
    private const int MaxDepth = JsonValidator.DefaultMaxDepth;

    // "_placeholder" written with \u escapes only: the longest raw key that can still unescape to it.
    private const int MaxEscapedKeyLength = 12 * 6;

    private readonly ReadOnlySpan<byte> _payload;
    private readonly int _attachments;

    // Per open object (by depth): is its "_placeholder" true (1), and what did its last "num" hold (-1 when not
    // a usable index). JS keeps the last of duplicate keys, and so do these.
    private readonly Span<int> _isPlaceholder;
    private readonly Span<int> _num;
    private PayloadShapeRecorder _shapeRecorder;
    private PlaceholderProperty _pending;
    private bool _placeholdersValid;

    private PayloadScanner(ReadOnlySpan<byte> payload, ref PayloadShape shape, int attachments, Span<int> isPlaceholder, Span<int> num)
    {
        _payload = payload;
        _shapeRecorder = new PayloadShapeRecorder(ref shape);
        _attachments = attachments;
        _isPlaceholder = isPlaceholder;
        _num = num;
        _pending = PlaceholderProperty.Other;
        _placeholdersValid = true;
    }

    /// <summary>
    /// Scans <paramref name="payload"/>. False when it is not exactly one JSON value;
    /// <paramref name="placeholdersValid"/> is false when a placeholder's <c>num</c> is not an integer in
    /// [0, <paramref name="attachments"/>). <paramref name="shape"/> must start out as default.
    /// </summary>
    internal static bool TryScan(ReadOnlySpan<byte> payload, bool binary, int attachments, ref PayloadShape shape, out bool placeholdersValid)
    {
        placeholdersValid = true;
        bool valid;
        var open = JsonValidator.SkipWhitespace(payload, 0);
        var array = open < payload.Length && payload[open] == '[';
        if (binary)
        {
            // Arrays of flat elements (a binary event's usual header) are walked directly, with the placeholder
            // checks on each object element; anything deeper takes the general scan.
            var result = array ? PayloadArrayScanner.TryScanBinary(payload, open, attachments, ref shape, out placeholdersValid) : PayloadArrayScanner.Unsupported;
            if (result == PayloadArrayScanner.Unsupported)
            {
                shape = default;
                result = ScanBinary(payload, attachments, ref shape, out placeholdersValid) ? PayloadArrayScanner.Valid : PayloadArrayScanner.Invalid;
            }

            valid = result == PayloadArrayScanner.Valid;
        }
        else
        {
            // A text packet cannot carry placeholders (an object spelled like one is plain data), so only the
            // shape is recorded. Arrays (events and acks) walk their elements directly.
            if (array)
            {
                valid = PayloadArrayScanner.TryScan(payload, open, ref shape);
            }
            else
            {
                var recorder = new PayloadShapeRecorder(ref shape);
                valid = JsonValidator.Validate(payload, ref recorder, MaxDepth);
            }
        }

        if (!valid)
        {
            shape = default;
            placeholdersValid = false;
            return false;
        }

        if (shape.First == JsonValueKind.String)
        {
            shape.FirstIsReserved = ReservedEventNames.IsReserved(
                payload[(shape.FirstStart + 1)..(shape.FirstEnd - 1)], shape.FirstIsEscaped);
        }

        return true;
    }

    // Out of line, so the placeholder state (two 256-byte buffers) never enlarges the frame of a text packet.
    [SkipLocalsInit]
    [MethodImpl(MethodImplOptions.NoInlining)]
    internal static bool ScanBinary(ReadOnlySpan<byte> payload, int attachments, ref PayloadShape shape, out bool placeholdersValid)
    {
        // Fixed inline buffers, not stackalloc: a method with stackalloc and a loop skips tiering, so it never
        // gets profile-guided code. Left unzeroed: an object's slots are written when it opens, before anything
        // reads them.
        Unsafe.SkipInit(out DepthValues isPlaceholder);
        Unsafe.SkipInit(out DepthValues num);
        var scanner = new PayloadScanner(payload, ref shape, attachments, isPlaceholder, num);
        var valid = JsonValidator.Validate(payload, ref scanner, MaxDepth);
        placeholdersValid = scanner._placeholdersValid;
        return valid;
    }

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void OnScalar(JsonValueKind kind, int depth, int start, int end, bool escaped)
    {
        _shapeRecorder.OnScalar(kind, depth, start, end, escaped);
        if (_pending != PlaceholderProperty.Other)
        {
            SetPropertyValue(depth - 1, kind, _payload[start..end]);
        }
    }

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void OnContainerStart(JsonValueKind kind, int depth, int start)
    {
        _shapeRecorder.OnContainerStart(kind, depth, start);
        if (_pending != PlaceholderProperty.Other)
        {
            SetPropertyValue(depth - 1, kind, default);
        }

        if (kind == JsonValueKind.Object)
        {
            _isPlaceholder[depth] = 0;
            _num[depth] = -1;
        }
    }

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void OnContainerEnd(JsonValueKind kind, int depth, int end)
    {
        _shapeRecorder.OnContainerEnd(kind, depth, end);
        if (kind == JsonValueKind.Object && _isPlaceholder[depth] != 0 && (uint)_num[depth] >= (uint)_attachments)
        {
            _placeholdersValid = false;
        }
    }

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void OnPropertyName(ReadOnlySpan<byte> raw, bool escaped, int depth) => _pending = Classify(raw, escaped);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static PlaceholderProperty Classify(ReadOnlySpan<byte> raw, bool escaped) => escaped ? ClassifyEscaped(raw) : PlaceholderObjects.Classify(raw);

    // Out of line: its stackalloc would keep the common path from being inlined.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static PlaceholderProperty ClassifyEscaped(ReadOnlySpan<byte> raw)
    {
        if (raw.Length > MaxEscapedKeyLength)
        {
            return PlaceholderProperty.Other;
        }

        Span<byte> buffer = stackalloc byte[MaxEscapedKeyLength];
        return JsonStringUnescaper.TryUnescape(raw, buffer, out var length) ? PlaceholderObjects.Classify(buffer[..length]) : PlaceholderProperty.Other;
    }

    /// <summary>Records the value of a pending <c>"_placeholder"</c> or <c>"num"</c> on the object at <paramref name="owner"/>.</summary>
    private void SetPropertyValue(int owner, JsonValueKind kind, ReadOnlySpan<byte> text)
    {
        if (_pending == PlaceholderProperty.Placeholder)
        {
            _isPlaceholder[owner] = kind == JsonValueKind.True ? 1 : 0;
        }
        else
        {
            _num[owner] = PlaceholderObjects.Index(kind, text);
        }

        _pending = PlaceholderProperty.Other;
    }

    /// <summary>One value per nesting level.</summary>
    [InlineArray(MaxDepth)]
    private struct DepthValues
    {
        private int _level0;
    }
}
