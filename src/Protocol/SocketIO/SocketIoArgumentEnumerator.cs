using SocketIo.Protocol.Json;

namespace SocketIo.Protocol.SocketIO;

/// <summary>
/// Walks the elements of a validated payload array as raw JSON spans, without allocating. Use with
/// <c>foreach (var arg in packet.GetArguments())</c>.
/// </summary>
public ref struct SocketIoArgumentEnumerator
{
    private readonly ReadOnlySpan<byte> _payload;

    // The offsets the validating scan recorded for the first elements: starts, then ends. Spans and ints only,
    // so that the JIT keeps the enumerator in registers in a foreach loop (with a reference to the shape it
    // stayed in memory).
    private readonly ReadOnlySpan<int> _offsets;
    private readonly int _count;
    private int _index;
    private int _start;
    private int _end;

    internal SocketIoArgumentEnumerator(ReadOnlySpan<byte> payload, ref readonly PayloadShape shape, bool skipFirst)
    {
        _payload = payload;
        _offsets = PayloadShape.RecordedOffsets(in shape);
        _count = shape.ElementCount;
        _index = skipFirst ? 0 : -1;
        _start = _end = skipFirst ? shape.FirstEnd : shape.ArrayContentStart;
    }

    /// <summary>The current argument's JSON text.</summary>
    public readonly ReadOnlySpan<byte> Current => _payload[_start.._end];

    /// <summary>Returns this enumerator (for <c>foreach</c>).</summary>
    public readonly SocketIoArgumentEnumerator GetEnumerator() => this;

    /// <summary>Advances to the next argument.</summary>
    public bool MoveNext()
    {
        var index = _index + 1;
        if (index >= _count)
        {
            return false;
        }

        _index = index;
        if ((uint)index < PayloadShape.RecordedElements)
        {
            _start = _offsets[index];
            _end = _offsets[index + PayloadShape.RecordedElements];
        }
        else
        {
            // The payload is valid JSON: between two elements there is only whitespace and one comma.
            _start = SkipWhitespace(_payload, SkipWhitespace(_payload, _end) + 1);
            _end = JsonValueSkipper.SkipValue(_payload, _start);
        }

        return true;
    }

    /// <summary>Counts the remaining arguments (this enumerator does not move).</summary>
    public readonly int Count() => Math.Max(0, _count - _index - 1);

    private static int SkipWhitespace(ReadOnlySpan<byte> payload, int i)
    {
        while (payload[i] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            i++;
        }

        return i;
    }
}
