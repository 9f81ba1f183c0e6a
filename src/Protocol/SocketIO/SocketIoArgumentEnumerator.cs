using System.Text.Json;

namespace SocketIo.Protocol.SocketIO;

/// <summary>
/// Walks the elements of a validated payload array as raw JSON spans, without allocating. Use with
/// <c>foreach (var arg in packet.GetArguments())</c>.
/// </summary>
public ref struct SocketIoArgumentEnumerator
{
    private readonly ReadOnlySpan<byte> _payload;
    private Utf8JsonReader _reader;
    private readonly bool _skipFirst;
    private bool _started;

    internal SocketIoArgumentEnumerator(ReadOnlySpan<byte> payload, bool skipFirst)
    {
        _payload = payload;
        _reader = new Utf8JsonReader(payload);
        _skipFirst = skipFirst;
        _started = false;
        Current = default;
    }

    /// <summary>The current argument's JSON text.</summary>
    public ReadOnlySpan<byte> Current { get; private set; }

    /// <summary>Returns this enumerator (for <c>foreach</c>).</summary>
    public readonly SocketIoArgumentEnumerator GetEnumerator() => this;

    /// <summary>Advances to the next argument.</summary>
    public bool MoveNext()
    {
        if (_payload.IsEmpty)
        {
            return false;
        }

        if (!_started)
        {
            _started = true;
            _reader.Read();
            if (_skipFirst && !NextElement(out _))
            {
                return false;
            }
        }

        if (NextElement(out var element))
        {
            Current = element;
            return true;
        }

        return false;
    }

    /// <summary>Counts the remaining arguments (consumes a copy, not this enumerator).</summary>
    public readonly int Count()
    {
        var copy = this;
        var count = 0;
        while (copy.MoveNext())
        {
            count++;
        }

        return count;
    }

    private bool NextElement(out ReadOnlySpan<byte> element)
    {
        // The payload was fully validated by the reader, so these reads cannot throw.
        if (!_reader.Read() || _reader.TokenType == JsonTokenType.EndArray)
        {
            element = default;
            return false;
        }

        var start = (int)_reader.TokenStartIndex;
        if (_reader.TokenType is JsonTokenType.StartArray or JsonTokenType.StartObject)
        {
            _reader.Skip();
        }

        element = _payload[start..(int)_reader.BytesConsumed];
        return true;
    }
}
