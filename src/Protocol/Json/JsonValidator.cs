using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Unicode;

namespace SocketIo.Protocol.Json;

/// <summary>
/// A single-pass, allocation-free validator for one JSON value in UTF-8 (RFC 8259, as strict as
/// <c>JSON.parse</c>): no comments, no trailing commas, no BOM, whitespace only where the grammar allows,
/// nothing but whitespace after the value, control characters rejected inside strings, invalid UTF-8 rejected.
/// Escaped lone surrogates (<c>"\ud800"</c>) are accepted, as <c>JSON.parse</c> accepts them. It accepts
/// exactly what <see cref="Utf8JsonReader"/> accepts (default options, same maximum depth) on valid UTF-8.
/// </summary>
internal static class JsonValidator
{
    /// <summary>The default nesting limit, the same as <see cref="Utf8JsonReader"/>'s.</summary>
    internal const int DefaultMaxDepth = 64;

    /// <summary>The largest nesting limit accepted (the container stack lives on the stack).</summary>
    internal const int MaxDepthLimit = 1024;

    // The literals as little-endian integers ("false" is checked from its second byte).
    private const uint True = 't' | ('r' << 8) | ('u' << 16) | ('e' << 24);
    private const uint Alse = 'a' | ('l' << 8) | ('s' << 16) | ('e' << 24);
    private const uint Null = 'n' | ('u' << 8) | ('l' << 16) | ('l' << 24);

    // What a value starting with a given byte is (ValueStarts); 0 = no value starts so.
    private const byte StartsString = 1;
    private const byte StartsNumber = 2;
    private const byte StartsTrue = 3;
    private const byte StartsFalse = 4;
    private const byte StartsNull = 5;
    private const byte StartsObject = 6;
    private const byte StartsArray = 7;

    // Bits 9 (\t), 10 (\n), 13 (\r) and 32 (space): the only whitespace JSON has.
    private const ulong WhitespaceMask = (1UL << '\t') | (1UL << '\n') | (1UL << '\r') | (1UL << ' ');

    /// <summary>By first byte: <c>"</c> string, <c>-</c> and digits number, <c>t</c>/<c>f</c>/<c>n</c> literals, brackets containers.</summary>
    private static ReadOnlySpan<byte> ValueStarts =>
    [
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 7, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 4, 0, 0, 0, 0, 0, 0, 0, 5, 0, 0, 0, 0, 0, 3, 0, 0, 0, 0, 0, 0, 6, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    ];

    /// <summary>True when <paramref name="utf8Json"/> is exactly one valid JSON value (whitespace around it allowed).</summary>
    /// <param name="utf8Json">The text.</param>
    /// <param name="maxDepth">Most containers that may nest (1 to <see cref="MaxDepthLimit"/>).</param>
    internal static bool IsValid(ReadOnlySpan<byte> utf8Json, int maxDepth = DefaultMaxDepth)
    {
        var observer = default(NoObserver);
        return Validate(utf8Json, ref observer, maxDepth);
    }

    /// <summary>
    /// Validates <paramref name="utf8Json"/> as in <see cref="IsValid"/>, reporting every value to
    /// <paramref name="observer"/> as it goes. The scan stops at the first error.
    /// </summary>
    /// <param name="utf8Json">The text.</param>
    /// <param name="observer">Receives the values in document order.</param>
    /// <param name="maxDepth">Most containers that may nest (1 to <see cref="MaxDepthLimit"/>).</param>
    internal static bool Validate<TObserver>(ReadOnlySpan<byte> utf8Json, ref TObserver observer, int maxDepth = DefaultMaxDepth)
        where TObserver : struct, IJsonScanObserver, allows ref struct
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDepth, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxDepth, MaxDepthLimit);

        // The usual limits fit the container kinds in one register; deeper ones take the 128-byte stack.
        if (maxDepth <= ShallowContainers.Capacity)
        {
            return Scan<TObserver, ShallowContainers, WholeDocument>(utf8Json, 0, ref observer, default, maxDepth) >= 0;
        }

        return ValidateDeep(utf8Json, ref observer, maxDepth);
    }

    /// <summary>
    /// Validates the one JSON value that starts at <paramref name="start"/> (no whitespace before it) and returns
    /// the offset just after it, or -1 when it is not a valid value. What follows is left to the caller. This is
    /// how a caller that walks the elements of an array itself validates each element.
    /// </summary>
    /// <param name="json">The text.</param>
    /// <param name="start">Where the value starts.</param>
    /// <param name="maxDepth">Most containers that may nest inside the value, counting itself (0 to 64).</param>
    internal static int ScanValue(ReadOnlySpan<byte> json, int start, int maxDepth)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxDepth);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxDepth, ShallowContainers.Capacity);
        var observer = default(NoObserver);
        return Scan<NoObserver, ShallowContainers, OneValue>(json, start, ref observer, default, maxDepth);
    }

    /// <summary>
    /// The offset after the number or literal (<c>true</c>, <c>false</c>, <c>null</c>) that starts at
    /// <paramref name="pos"/> (which must be in range), or -1 when none starts there. What follows is left to the
    /// caller, as after any value.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int ScanScalar(ReadOnlySpan<byte> json, int pos) => json[pos] switch
    {
        (byte)'t' => FourBytesAt(json, pos) == True ? pos + 4 : -1,
        (byte)'f' => FourBytesAt(json, pos + 1) == Alse ? pos + 5 : -1,
        (byte)'n' => FourBytesAt(json, pos) == Null ? pos + 4 : -1,
        _ => ScanNumber(json, pos),
    };

    [SkipLocalsInit]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static bool ValidateDeep<TObserver>(ReadOnlySpan<byte> utf8Json, ref TObserver observer, int maxDepth)
        where TObserver : struct, IJsonScanObserver, allows ref struct
    {
        // A fixed inline buffer rather than stackalloc: a method with stackalloc and a loop skips tiering, so it
        // never gets profile-guided code. Left unzeroed: a level's bit is set when its container opens, before
        // anything reads it.
        Unsafe.SkipInit(out DeepContainers containers);
        return Scan<TObserver, DeepContainers, WholeDocument>(utf8Json, 0, ref observer, containers, maxDepth) >= 0;
    }

    // Returns the offset after the value (the length for a whole document), or -1 when invalid. Never inlined:
    // the scan is large, and inlined into a caller it would use up that caller's inlining budget, leaving its own
    // small helpers (whitespace, strings, container bits) as calls.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int Scan<TObserver, TContainers, TExtent>(ReadOnlySpan<byte> utf8Json, int from, ref TObserver observer, TContainers isObject, int maxDepth)
        where TObserver : struct, IJsonScanObserver, allows ref struct
        where TContainers : struct, IContainerStack
        where TExtent : struct, IScanExtent
    {
        var json = utf8Json;

        // Reads below follow an explicit check of the offset against the length, so they skip the span's own.
        ref var data = ref MemoryMarshal.GetReference(json);
        var depth = 0;
        var pos = from;
        while (true)
        {
            // Here a value must start, maybe after whitespace. Strings are tested first; for the other kinds the
            // first byte picks the kind through a table, one (predictable) jump rather than a chain of compares.
            if ((uint)pos >= (uint)json.Length)
            {
                return -1;
            }

            var c = Unsafe.Add(ref data, pos);
            if (c <= ' ')
            {
                pos = SkipWhitespace(json, pos);
                if ((uint)pos >= (uint)json.Length)
                {
                    return -1;
                }

                c = Unsafe.Add(ref data, pos);
            }

            var start = pos;
            if (c == '"')
            {
                // Strings first, with a plain branch: they are most of the values in Socket.IO payloads.
                (pos, var escaped) = ScanString(json, pos);
                if (pos < 0)
                {
                    return -1;
                }

                observer.OnScalar(JsonValueKind.String, depth, start, pos, escaped);
            }
            else
            {
                switch (ValueStarts[c])
                {
                    case StartsNumber:
                        pos = ScanNumber(json, pos);
                        if (pos < 0)
                        {
                            return -1;
                        }

                        observer.OnScalar(JsonValueKind.Number, depth, start, pos, escaped: false);
                        break;
                    case StartsTrue:
                        if (FourBytesAt(json, pos) != True)
                        {
                            return -1;
                        }

                        pos += 4;
                        observer.OnScalar(JsonValueKind.True, depth, start, pos, escaped: false);
                        break;
                    case StartsFalse:
                        if (FourBytesAt(json, pos + 1) != Alse)
                        {
                            return -1;
                        }

                        pos += 5;
                        observer.OnScalar(JsonValueKind.False, depth, start, pos, escaped: false);
                        break;
                    case StartsNull:
                        if (FourBytesAt(json, pos) != Null)
                        {
                            return -1;
                        }

                        pos += 4;
                        observer.OnScalar(JsonValueKind.Null, depth, start, pos, escaped: false);
                        break;
                    case StartsObject or StartsArray:
                        if (depth == maxDepth)
                        {
                            return -1;
                        }

                        var opensObject = c == '{';
                        var kind = opensObject ? JsonValueKind.Object : JsonValueKind.Array;
                        observer.OnContainerStart(kind, depth, pos);
                        isObject.Set(depth++, opensObject);
                        pos = SkipWhitespace(json, pos + 1);
                        if ((uint)pos >= (uint)json.Length)
                        {
                            return -1;
                        }

                        if (Unsafe.Add(ref data, pos) != (opensObject ? (byte)'}' : (byte)']'))
                        {
                            if (opensObject && (pos = ReadPropertyName(json, pos, depth, ref observer)) < 0)
                            {
                                return -1;
                            }

                            continue;
                        }

                        // An empty container: it ends here, and what follows is handled as after any value.
                        depth--;
                        pos++;
                        observer.OnContainerEnd(kind, depth, pos);
                        break;
                    default:
                        return -1;
                }
            }

            // After a value: a comma and the next value, or a closing bracket (and then again after a value), or,
            // at the top level, the end. The comma comes first: it is the most common, and no whitespace check
            // stands before it when there is none.
            while (true)
            {
                if (TExtent.StopsAfterOneValue && depth == 0)
                {
                    return pos;
                }

                if ((uint)pos >= (uint)json.Length)
                {
                    return depth == 0 ? pos : -1;
                }

                c = Unsafe.Add(ref data, pos);
                if (c == ',')
                {
                    if (depth == 0)
                    {
                        return -1;
                    }

                    pos++;
                    if (isObject.Get(depth - 1) && (pos = ReadPropertyName(json, pos, depth, ref observer)) < 0)
                    {
                        return -1;
                    }

                    break;
                }

                if (IsWhitespace(c))
                {
                    pos = SkipWhitespace(json, pos + 1);
                    continue;
                }

                if (depth == 0)
                {
                    return -1;
                }

                var inObject = isObject.Get(depth - 1);
                if (c != (inObject ? (byte)'}' : (byte)']'))
                {
                    return -1;
                }

                depth--;
                pos++;
                observer.OnContainerEnd(inObject ? JsonValueKind.Object : JsonValueKind.Array, depth, pos);
            }
        }
    }

    /// <summary>Reads <c>"name" :</c> (whitespace allowed before, between and after); returns where the value may start (maybe whitespace), or -1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int ReadPropertyName<TObserver>(ReadOnlySpan<byte> json, int pos, int depth, ref TObserver observer)
        where TObserver : struct, IJsonScanObserver, allows ref struct
    {
        // Every read follows an explicit check of the offset against the length.
        ref var data = ref MemoryMarshal.GetReference(json);
        if ((uint)pos < (uint)json.Length && Unsafe.Add(ref data, pos) <= ' ')
        {
            pos = SkipWhitespace(json, pos);
        }

        if ((uint)pos >= (uint)json.Length || Unsafe.Add(ref data, pos) != '"')
        {
            return -1;
        }

        var (end, escaped) = ScanString(json, pos);
        if (end < 0)
        {
            return -1;
        }

        // Built without a range check (the string was just scanned), so an observer that ignores names costs nothing.
        observer.OnPropertyName(MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref data, pos + 1), end - pos - 2), escaped, depth);
        if ((uint)end < (uint)json.Length && Unsafe.Add(ref data, end) == ':')
        {
            return end + 1;
        }

        pos = SkipWhitespace(json, end);
        if ((uint)pos >= (uint)json.Length || Unsafe.Add(ref data, pos) != ':')
        {
            return -1;
        }

        return pos + 1;
    }

    /// <summary>
    /// Scans the string whose opening quote is at <paramref name="pos"/>: the offset after its closing quote
    /// (-1 when invalid) and whether it holds escapes. Returned as a pair rather than through an out parameter,
    /// which would keep the flag in memory in the scan loop.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static (int End, bool Escaped) ScanString(ReadOnlySpan<byte> json, int pos)
    {
        // Inline: a string of plain ASCII, closed by the first special byte. Escapes, non-ASCII text and errors
        // continue out of line.
        var i = JsonStringSearch.IndexOfSpecial(json, pos + 1);
        if ((uint)i < (uint)json.Length && Unsafe.Add(ref MemoryMarshal.GetReference(json), i) == '"')
        {
            return (i + 1, false);
        }

        return ScanStringAfterSpecial(json, i);
    }

    /// <summary>
    /// Continues <see cref="ScanString"/> at <paramref name="i"/>, the first special byte of the string (or its
    /// length when there is none): the offset after the closing quote, or -1.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    internal static (int End, bool Escaped) ScanStringAfterSpecial(ReadOnlySpan<byte> json, int i)
    {
        var escaped = false;
        while (true)
        {
            if ((uint)i >= (uint)json.Length)
            {
                return (-1, false);
            }

            var c = json[i];
            if (c == '"')
            {
                return (i + 1, escaped);
            }

            if (c == '\\')
            {
                escaped = true;
                i = SkipEscape(json, i);
                if (i < 0)
                {
                    return (-1, false);
                }
            }
            else if (c >= 0x80)
            {
                // A quote, backslash or control byte can never sit inside a UTF-8 sequence, so validating the
                // run up to the next one is the same as validating the whole string.
                var runEnd = JsonStringSearch.IndexOfQuoteBackslashOrControl(json, i);
                if (!Utf8.IsValid(json[i..runEnd]))
                {
                    return (-1, false);
                }

                i = runEnd;
            }
            else
            {
                return (-1, false);
            }

            i = JsonStringSearch.IndexOfSpecial(json, i);
        }
    }

    /// <summary>Skips the escape whose backslash is at <paramref name="i"/>; -1 when it is not a JSON escape.</summary>
    private static int SkipEscape(ReadOnlySpan<byte> json, int i)
    {
        if (i + 1 >= json.Length)
        {
            return -1;
        }

        switch (json[i + 1])
        {
            case (byte)'"' or (byte)'\\' or (byte)'/' or (byte)'b' or (byte)'f' or (byte)'n' or (byte)'r' or (byte)'t':
                return i + 2;
            case (byte)'u':
                // Any four hex digits, surrogates included: pairing is not a syntax rule.
                return JsonHex.ParseCodeUnit(json.Slice(i + 2, Math.Min(4, json.Length - i - 2))) >= 0 ? i + 6 : -1;
            default:
                return -1;
        }
    }

    /// <summary>Scans <c>-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?</c> at <paramref name="i"/>; the offset after it, or -1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int ScanNumber(ReadOnlySpan<byte> json, int i)
    {
        // Inline: a positive integer or a lone zero, the most common numbers (counts, ids, indexes). Signs,
        // fractions and exponents take the general route.
        ref var data = ref MemoryMarshal.GetReference(json);
        if ((uint)i < (uint)json.Length && (uint)(Unsafe.Add(ref data, i) - '1') <= 8)
        {
            var end = i + 1;
            while ((uint)end < (uint)json.Length && IsDigit(Unsafe.Add(ref data, end)))
            {
                end++;
            }

            if ((uint)end >= (uint)json.Length || !ContinuesNumber(Unsafe.Add(ref data, end)))
            {
                return end;
            }
        }
        else if ((uint)i < (uint)json.Length && Unsafe.Add(ref data, i) == '0'
            && ((uint)(i + 1) >= (uint)json.Length || !(IsDigit(Unsafe.Add(ref data, i + 1)) || ContinuesNumber(Unsafe.Add(ref data, i + 1)))))
        {
            // A lone zero (a placeholder's first index, a count): what follows is the caller's to judge.
            return i + 1;
        }

        return ScanNumberGeneral(json, i);
    }

    /// <summary>True for <c>.</c>, <c>e</c> and <c>E</c>: a fraction or exponent follows the integer part.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool ContinuesNumber(byte c) => c == '.' || (c | 0x20) == 'e';

    /// <summary>Any number, the full grammar of <see cref="ScanNumber"/>.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int ScanNumberGeneral(ReadOnlySpan<byte> json, int i)
    {
        if (json[i] == '-')
        {
            i++;
        }

        if ((uint)i >= (uint)json.Length)
        {
            return -1;
        }

        if (json[i] == '0')
        {
            i++;
        }
        else if (IsDigit(json[i]))
        {
            i = SkipDigits(json, i + 1);
        }
        else
        {
            return -1;
        }

        if (i < json.Length && json[i] == '.')
        {
            i = SkipRequiredDigits(json, i + 1);
            if (i < 0)
            {
                return -1;
            }
        }

        if (i < json.Length && (json[i] | 0x20) == 'e')
        {
            i++;
            if (i < json.Length && json[i] is (byte)'+' or (byte)'-')
            {
                i++;
            }

            i = SkipRequiredDigits(json, i);
        }

        // What follows (a delimiter, or something invalid) is checked as "after a value".
        return i;
    }

    private static int SkipRequiredDigits(ReadOnlySpan<byte> json, int i) =>
        i < json.Length && IsDigit(json[i]) ? SkipDigits(json, i + 1) : -1;

    private static int SkipDigits(ReadOnlySpan<byte> json, int i)
    {
        while (i < json.Length && IsDigit(json[i]))
        {
            i++;
        }

        return i;
    }

    /// <summary>The four bytes at <paramref name="i"/> as a little-endian integer; 0 (no literal) when fewer remain.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint FourBytesAt(ReadOnlySpan<byte> json, int i) =>
        (uint)i <= (uint)json.Length && json.Length - i >= sizeof(uint)
            ? BinaryPrimitives.ReadUInt32LittleEndian(MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref MemoryMarshal.GetReference(json), i), sizeof(uint)))
            : 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsDigit(byte c) => (uint)(c - '0') <= 9;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsWhitespace(byte c) => c <= ' ' && ((1UL << c) & WhitespaceMask) != 0;

    /// <summary>The first offset at or after <paramref name="i"/> that is not JSON whitespace (the length when none).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int SkipWhitespace(ReadOnlySpan<byte> json, int i)
    {
        while ((uint)i < (uint)json.Length && json[i] <= ' ' && ((1UL << json[i]) & WhitespaceMask) != 0)
        {
            i++;
        }

        return i;
    }

    /// <summary>Where <see cref="Scan"/> stops: at the end of the input, or after the first complete value.</summary>
    private interface IScanExtent
    {
        static abstract bool StopsAfterOneValue { get; }
    }

    /// <summary>The input is one value, with only whitespace around it.</summary>
    private readonly struct WholeDocument : IScanExtent
    {
        public static bool StopsAfterOneValue => false;
    }

    /// <summary>The scan returns where the first value ends; the caller checks what follows.</summary>
    private readonly struct OneValue : IScanExtent
    {
        public static bool StopsAfterOneValue => true;
    }

    /// <summary>Whether each open container is an object (true) or an array (false), by depth.</summary>
    private interface IContainerStack
    {
        void Set(int depth, bool isObject);

        bool Get(int depth);
    }

    /// <summary>Up to 64 levels in one register.</summary>
    private struct ShallowContainers : IContainerStack
    {
        internal const int Capacity = 64;

        private ulong _bits;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Set(int depth, bool isObject)
        {
            var bit = 1UL << depth;
            _bits = isObject ? _bits | bit : _bits & ~bit;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public readonly bool Get(int depth) => (_bits & (1UL << depth)) != 0;
    }

    /// <summary>A bit per nesting level, up to <see cref="MaxDepthLimit"/>.</summary>
    [InlineArray(MaxDepthLimit / 64)]
    private struct DeepContainers : IContainerStack
    {
        private ulong _word0;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Set(int depth, bool isObject)
        {
            var bit = 1UL << depth;
            ref var word = ref this[depth >> 6];
            word = isObject ? word | bit : word & ~bit;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public readonly bool Get(int depth) => (this[depth >> 6] & (1UL << depth)) != 0;
    }

    /// <summary>The observer of plain validation: it ignores everything.</summary>
    private readonly struct NoObserver : IJsonScanObserver
    {
        public void OnScalar(JsonValueKind kind, int depth, int start, int end, bool escaped)
        {
        }

        public void OnContainerStart(JsonValueKind kind, int depth, int start)
        {
        }

        public void OnContainerEnd(JsonValueKind kind, int depth, int end)
        {
        }

        public void OnPropertyName(ReadOnlySpan<byte> raw, bool escaped, int depth)
        {
        }
    }
}
