using SocketIo.Protocol.Json;

namespace SocketIo.Protocol.SocketIO;

/// <summary>
/// Walks the elements of a validated payload array as raw JSON spans, without allocating. Use with
/// <c>foreach (var arg in packet.GetArguments())</c>.
/// </summary>
public ref struct SocketIoArgumentEnumerator
{
    private readonly ReadOnlySpan<byte> _payload;

    // The packet's shape, by reference (a copy would cost more than walking a few arguments): the first
    // elements' offsets were recorded by the validating scan, so they need no second look.
    private readonly ref readonly PayloadShape _shape;
    private readonly int _count;
    private int _index;
    private int _position;

    internal SocketIoArgumentEnumerator(ReadOnlySpan<byte> payload, ref readonly PayloadShape shape, bool skipFirst)
    {
        _payload = payload;
        _shape = ref shape;
        _count = shape.ElementCount;
        _index = skipFirst ? 1 : 0;
        _position = skipFirst ? shape.FirstEnd : shape.ArrayContentStart;
        Current = default;
    }

    /// <summary>The current argument's JSON text.</summary>
    public ReadOnlySpan<byte> Current { get; private set; }

    /// <summary>Returns this enumerator (for <c>foreach</c>).</summary>
    public readonly SocketIoArgumentEnumerator GetEnumerator() => this;

    /// <summary>Advances to the next argument.</summary>
    public bool MoveNext()
    {
        var index = _index;
        if (index >= _count)
        {
            return false;
        }

        int start, end;
        if ((uint)index < PayloadShape.RecordedElements)
        {
            start = _shape.ElementStarts[index];
            end = _shape.ElementEnds[index];
        }
        else
        {
            // The payload is valid JSON: between two elements there is only whitespace and one comma.
            start = SkipWhitespace(SkipWhitespace(_position) + 1);
            end = JsonValueSkipper.SkipValue(_payload, start);
        }

        Current = _payload[start..end];
        _position = end;
        _index = index + 1;
        return true;
    }

    /// <summary>Counts the remaining arguments (this enumerator does not move).</summary>
    public readonly int Count() => Math.Max(0, _count - _index);

    private readonly int SkipWhitespace(int i)
    {
        while (_payload[i] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            i++;
        }

        return i;
    }
}
