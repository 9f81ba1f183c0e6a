using System.Text;

namespace SocketIo.Protocol.Http;

/// <summary>
/// A comma-separated field value (RFC 9110 §5.6.1) such as Connection or Upgrade, read element by element
/// without allocating. Elements are trimmed of OWS; empty elements are skipped, as the list rule allows.
/// </summary>
internal ref struct HttpTokenList
{
    private ReadOnlySpan<byte> _rest;

    /// <summary>Starts reading <paramref name="value"/>.</summary>
    public HttpTokenList(ReadOnlySpan<byte> value)
    {
        _rest = value;
        Current = default;
    }

    /// <summary>The element found by the last <see cref="MoveNext"/>.</summary>
    public ReadOnlySpan<byte> Current { get; private set; }

    /// <summary>Supports <c>foreach</c>.</summary>
    public readonly HttpTokenList GetEnumerator() => this;

    /// <summary>Advances to the next non-empty element.</summary>
    public bool MoveNext()
    {
        while (!_rest.IsEmpty)
        {
            var comma = _rest.IndexOf((byte)',');
            ReadOnlySpan<byte> element;
            if (comma < 0)
            {
                element = _rest;
                _rest = default;
            }
            else
            {
                element = _rest[..comma];
                _rest = _rest[(comma + 1)..];
            }

            element = HttpCharacters.TrimWhitespace(element);
            if (!element.IsEmpty)
            {
                Current = element;
                return true;
            }
        }

        return false;
    }

    /// <summary>True when the list <paramref name="value"/> has an element equal to <paramref name="token"/> ignoring ASCII case.</summary>
    public static bool Contains(ReadOnlySpan<byte> value, ReadOnlySpan<byte> token)
    {
        foreach (var element in new HttpTokenList(value))
        {
            if (Ascii.EqualsIgnoreCase(element, token))
            {
                return true;
            }
        }

        return false;
    }
}
