namespace SocketIo.Protocol.Http;

/// <summary>Walks the <c>name=value</c> pairs of a raw query (empty pairs skipped, as <c>URLSearchParams</c> does).</summary>
internal ref struct HttpQueryEnumerator
{
    private ReadOnlySpan<byte> _rest;

    /// <summary>Starts at the first pair of <paramref name="query"/> (without the <c>?</c>).</summary>
    public HttpQueryEnumerator(ReadOnlySpan<byte> query)
    {
        _rest = query;
        Current = default;
    }

    /// <summary>The pair found by the last <see cref="MoveNext"/>.</summary>
    public HttpQueryPair Current { get; private set; }

    /// <summary>Supports <c>foreach</c>.</summary>
    public readonly HttpQueryEnumerator GetEnumerator() => this;

    /// <summary>Advances to the next non-empty pair.</summary>
    public bool MoveNext()
    {
        while (!_rest.IsEmpty)
        {
            var amp = _rest.IndexOf((byte)'&');
            var pair = amp < 0 ? _rest : _rest[..amp];
            _rest = amp < 0 ? default : _rest[(amp + 1)..];
            if (pair.IsEmpty)
            {
                continue;
            }

            var eq = pair.IndexOf((byte)'=');
            Current = eq < 0 ? new HttpQueryPair(pair, default) : new HttpQueryPair(pair[..eq], pair[(eq + 1)..]);
            return true;
        }

        return false;
    }
}

/// <summary>One raw (still encoded) query pair.</summary>
internal readonly ref struct HttpQueryPair
{
    /// <summary>Creates a pair.</summary>
    public HttpQueryPair(ReadOnlySpan<byte> rawName, ReadOnlySpan<byte> rawValue)
    {
        RawName = rawName;
        RawValue = rawValue;
    }

    /// <summary>The encoded name.</summary>
    public ReadOnlySpan<byte> RawName { get; }

    /// <summary>The encoded value (empty without <c>=</c>).</summary>
    public ReadOnlySpan<byte> RawValue { get; }
}
