namespace SocketIo.Protocol.WebSockets;

/// <summary>
/// Enumerates the elements of a comma-separated header value (RFC 9110 §5.6.1: <c>#element</c>), trimming
/// optional whitespace and skipping empty elements, without allocating: <c>foreach (var t in new WebSocketTokenList(value))</c>.
/// </summary>
internal ref struct WebSocketTokenList
{
    private ReadOnlySpan<byte> _remaining;

    /// <summary>Starts enumerating <paramref name="headerValue"/> (several header lines may be joined with commas).</summary>
    public WebSocketTokenList(ReadOnlySpan<byte> headerValue)
    {
        _remaining = headerValue;
        Current = default;
    }

    /// <summary>The current element, trimmed.</summary>
    public ReadOnlySpan<byte> Current { get; private set; }

    /// <summary>Returns this enumerator (so it works in <c>foreach</c>).</summary>
    public readonly WebSocketTokenList GetEnumerator() => this;

    /// <summary>Moves to the next non-empty element.</summary>
    public bool MoveNext()
    {
        while (!_remaining.IsEmpty)
        {
            var comma = _remaining.IndexOf((byte)',');
            var element = comma < 0 ? _remaining : _remaining[..comma];
            _remaining = comma < 0 ? default : _remaining[(comma + 1)..];
            element = Trim(element);
            if (!element.IsEmpty)
            {
                Current = element;
                return true;
            }
        }

        return false;
    }

    /// <summary>True when one element equals <paramref name="token"/>, ignoring ASCII case.</summary>
    public static bool Contains(ReadOnlySpan<byte> headerValue, ReadOnlySpan<byte> token)
    {
        foreach (var element in new WebSocketTokenList(headerValue))
        {
            if (System.Text.Ascii.EqualsIgnoreCase(element, token))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Removes leading and trailing spaces and horizontal tabs (HTTP optional whitespace).</summary>
    public static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> value) => value.Trim(" \t"u8);
}
