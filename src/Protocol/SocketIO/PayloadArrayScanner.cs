using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text.Json;
using SocketIo.Protocol.Json;

namespace SocketIo.Protocol.SocketIO;

/// <summary>
/// Validates a text packet's payload whose root is an array (every EVENT and ACK) and records its
/// <see cref="PayloadShape"/> in the same pass. It walks the top-level elements itself: strings (event names and
/// most arguments) and objects of plain values (most other arguments) here, anything else with
/// <see cref="JsonValidator.ScanValue"/>, which needs no observer because only the top level is recorded. Accepts
/// exactly what <see cref="JsonValidator.Validate"/> with a <see cref="PayloadShapeRecorder"/> accepts, and
/// records the same shape, at a lower cost per value (no depth to track, no callback per value). Binary packets'
/// arrays take the same walk with the placeholder checks on each object element (<see cref="PlaceholderObjects"/>),
/// as long as no element holds a container.
/// </summary>
internal static class PayloadArrayScanner
{
    /// <summary>A scan result: the payload is valid.</summary>
    internal const int Valid = 1;

    /// <summary>A scan result: the payload is not valid JSON.</summary>
    internal const int Invalid = 0;

    /// <summary>A scan result: the payload needs the general scan.</summary>
    internal const int Unsupported = -2;

    // The root array is one level of the payload's nesting limit.
    private const int ElementMaxDepth = JsonValidator.DefaultMaxDepth - 1;

    /// <summary>
    /// Validates <paramref name="payload"/>, whose first byte that is not whitespace is the <c>[</c> at
    /// <paramref name="open"/>, and fills <paramref name="shape"/> (which must start out as default). False when
    /// the payload is not exactly one JSON value; the shape is then partly filled.
    /// </summary>
    internal static bool TryScan(ReadOnlySpan<byte> payload, int open, ref PayloadShape shape)
    {
        var objects = default(PlainObjects);
        return Scan(payload, open, ref shape, ref objects) == Valid;
    }

    /// <summary>
    /// <see cref="TryScan"/> for a binary packet, with the placeholder checks of the top-level objects:
    /// <see cref="Valid"/> (and <paramref name="placeholdersValid"/>), <see cref="Invalid"/>, or
    /// <see cref="Unsupported"/> when an element holds a container or an escaped property name, which only the
    /// general scan checks (the shape is then partly filled).
    /// </summary>
    internal static int TryScanBinary(ReadOnlySpan<byte> payload, int open, int attachments, ref PayloadShape shape, out bool placeholdersValid)
    {
        var objects = new PlaceholderObjects(attachments);
        var result = Scan(payload, open, ref shape, ref objects);
        placeholdersValid = objects.Valid;
        return result;
    }

    private static int Scan<TObjects>(ReadOnlySpan<byte> payload, int open, ref PayloadShape shape, ref TObjects objects)
        where TObjects : struct, IElementObjectPolicy
    {
        // Every read follows an explicit check of the offset against the length.
        ref var data = ref MemoryMarshal.GetReference(payload);
        shape.Root = JsonValueKind.Array;
        shape.ArrayContentStart = open + 1;
        var pos = JsonValidator.SkipWhitespace(payload, open + 1);
        if ((uint)pos >= (uint)payload.Length)
        {
            return Invalid;
        }

        var count = 0;
        if (Unsafe.Add(ref data, pos) != ']')
        {
            while (true)
            {
                // Here an element starts (pos is in range and not whitespace).
                var start = pos;
                var first = Unsafe.Add(ref data, pos);
                var escaped = false;
                int end;
                if (first == '"')
                {
                    (end, escaped) = JsonValidator.ScanString(payload, pos);
                }
                else if (first == '{')
                {
                    end = ScanObject(payload, pos, ref objects);
                }
                else if (first == '[' && objects.InspectsObjects)
                {
                    return Unsupported;
                }
                else
                {
                    end = JsonValidator.ScanValue(payload, pos, ElementMaxDepth);
                }

                if (end < 0)
                {
                    return end == Unsupported ? Unsupported : Invalid;
                }

                if (count == 0)
                {
                    shape.First = KindOf(first);
                    shape.FirstStart = start;
                    shape.FirstEnd = end;
                    shape.FirstIsEscaped = escaped;
                }

                if ((uint)count < PayloadShape.RecordedElements)
                {
                    shape.ElementStarts[count] = start;
                    shape.ElementEnds[count] = end;
                }

                count++;

                // After an element: a comma (usually right there) and the next element, or the closing bracket.
                pos = end;
                if ((uint)pos >= (uint)payload.Length || Unsafe.Add(ref data, pos) != ',')
                {
                    pos = JsonValidator.SkipWhitespace(payload, pos);
                    if ((uint)pos >= (uint)payload.Length)
                    {
                        return Invalid;
                    }

                    if (Unsafe.Add(ref data, pos) == ']')
                    {
                        break;
                    }

                    if (Unsafe.Add(ref data, pos) != ',')
                    {
                        return Invalid;
                    }
                }

                pos = JsonValidator.SkipWhitespace(payload, pos + 1);
                if ((uint)pos >= (uint)payload.Length)
                {
                    return Invalid;
                }
            }
        }

        shape.ElementCount = count;
        shape.ArrayContentEnd = pos;
        return JsonValidator.SkipWhitespace(payload, pos + 1) == payload.Length ? Valid : Invalid;
    }

    /// <summary>
    /// Validates the object element at <paramref name="open"/>: the offset after it, or -1. An object of plain
    /// values (the usual argument) is walked here, with no depth to track; one that holds a container is handed
    /// to <see cref="JsonValidator.ScanValue"/> from its start.
    /// </summary>
    private static int ScanObject<TObjects>(ReadOnlySpan<byte> payload, int open, ref TObjects objects)
        where TObjects : struct, IElementObjectPolicy
    {
        ref var data = ref MemoryMarshal.GetReference(payload);

        // The special bytes of the object's first 64 bytes, found with one load: the strings inside end where
        // a bit says, without a vector load each.
        var window = JsonStringSearch.SpecialWindow(payload, open);
        var pos = JsonValidator.SkipWhitespace(payload, open + 1);
        objects.OnObjectStart();
        if ((uint)pos < (uint)payload.Length && Unsafe.Add(ref data, pos) == '}')
        {
            return pos + 1;
        }

        while (true)
        {
            // A property: "name" : value (whitespace allowed around each part).
            if ((uint)pos >= (uint)payload.Length || Unsafe.Add(ref data, pos) != '"')
            {
                return -1;
            }

            var name = pos;
            (pos, var escaped) = ScanString(payload, pos, open, window);
            if (pos < 0)
            {
                return -1;
            }

            if (objects.InspectsObjects && !objects.OnPropertyName(payload[(name + 1)..(pos - 1)], escaped))
            {
                return Unsupported;
            }

            if ((uint)pos >= (uint)payload.Length || Unsafe.Add(ref data, pos) != ':')
            {
                pos = JsonValidator.SkipWhitespace(payload, pos);
                if ((uint)pos >= (uint)payload.Length || Unsafe.Add(ref data, pos) != ':')
                {
                    return -1;
                }
            }

            pos = JsonValidator.SkipWhitespace(payload, pos + 1);
            if ((uint)pos >= (uint)payload.Length)
            {
                return -1;
            }

            var first = Unsafe.Add(ref data, pos);
            var value = pos;
            if (first == '"')
            {
                pos = ScanString(payload, pos, open, window).End;
            }
            else if (first is (byte)'{' or (byte)'[')
            {
                return objects.InspectsObjects ? Unsupported : JsonValidator.ScanValue(payload, open, ElementMaxDepth);
            }
            else
            {
                pos = JsonValidator.ScanScalar(payload, pos);
            }

            if (pos < 0)
            {
                return -1;
            }

            if (objects.InspectsObjects)
            {
                objects.OnPropertyValue(KindOf(first), payload[value..pos]);
            }

            // After a value: a comma (usually right there) and the next property, or the closing brace.
            if ((uint)pos >= (uint)payload.Length || Unsafe.Add(ref data, pos) != ',')
            {
                pos = JsonValidator.SkipWhitespace(payload, pos);
                if ((uint)pos >= (uint)payload.Length)
                {
                    return -1;
                }

                if (Unsafe.Add(ref data, pos) == '}')
                {
                    objects.OnObjectEnd();
                    return pos + 1;
                }

                if (Unsafe.Add(ref data, pos) != ',')
                {
                    return -1;
                }
            }

            pos = JsonValidator.SkipWhitespace(payload, pos + 1);
        }
    }

    /// <summary>
    /// The end of the string whose quote is at <paramref name="pos"/>, or -1: from the special-byte
    /// <paramref name="window"/> of the 64 bytes at <paramref name="windowStart"/> when the string's first special
    /// byte lies in it, else by <see cref="JsonValidator.ScanString"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (int End, bool Escaped) ScanString(ReadOnlySpan<byte> payload, int pos, int windowStart, ulong window)
    {
        var offset = pos + 1 - windowStart;
        var ahead = offset < 64 ? window >> offset : 0;
        if (ahead == 0)
        {
            return JsonValidator.ScanString(payload, pos);
        }

        var special = pos + 1 + BitOperations.TrailingZeroCount(ahead);
        return payload[special] == '"' ? (special + 1, false) : JsonValidator.ScanStringAfterSpecial(payload, special);
    }

    /// <summary>The kind of the value that starts with <paramref name="first"/> (a valid value).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static JsonValueKind KindOf(byte first) => first switch
    {
        (byte)'"' => JsonValueKind.String,
        (byte)'[' => JsonValueKind.Array,
        (byte)'{' => JsonValueKind.Object,
        (byte)'t' => JsonValueKind.True,
        (byte)'f' => JsonValueKind.False,
        (byte)'n' => JsonValueKind.Null,
        _ => JsonValueKind.Number,
    };
}
