using System.Buffers;
using System.Text;

namespace SocketIo.Protocol.Http;

/// <summary>
/// One parsed request head, reused for every request on a connection. <see cref="HttpRequestParser"/> copies
/// the head bytes once into a pooled buffer owned by this object and records offsets, so every span below
/// stays valid after the pipe is advanced, until the next parse or <see cref="ReleaseBuffer"/>. After warm-up
/// (buffer and field table grown to the connection's usual size) parsing allocates nothing.
/// Not thread-safe: owned by the connection's read loop.
/// </summary>
/// <remarks>
/// A reusable object instead of a Kestrel-style generic struct handler: the server needs the head after the
/// parse (routing, upgrade, static files, CORS), so something must own a copy; doing that copy here, once,
/// makes the parser's multi-segment path trivial (it parses the same contiguous bytes) and lets the pipe
/// release its segments at once.
/// </remarks>
internal sealed class HttpRequestHead
{
    private const int MinBufferSize = 1024;

    private byte[] _buffer = [];
    private int _length;
    private HttpHeaderField[] _fields = [];
    private int _fieldCount;
    private readonly short[] _firstIndex = new short[HttpKnownHeaders.Count];

    private int _methodLength;
    private int _targetStart;
    private int _targetLength;
    private int _pathStart;
    private int _pathLength;
    private int _queryStart = -1;
    private int _queryLength;
    private int _authorityStart;
    private int _authorityLength;

    /// <summary>Creates an empty head.</summary>
    public HttpRequestHead() => Reset();

    /// <summary>The recognized method.</summary>
    public HttpRequestMethod Method { get; private set; }

    /// <summary>The request version.</summary>
    public HttpRequestVersion Version { get; internal set; }

    /// <summary>Which request-target form was used.</summary>
    public HttpRequestTargetForm TargetForm { get; private set; }

    /// <summary>How the body is delimited.</summary>
    public HttpBodyFraming Framing { get; internal set; }

    /// <summary>Declared body length, or -1 without Content-Length (no body, or chunked).</summary>
    public long ContentLength { get; internal set; } = -1;

    /// <summary>True when the connection may stay open after the response (RFC 9112 §9.3).</summary>
    public bool KeepAlive { get; internal set; }

    /// <summary>HTTP/1.1 with <c>Expect: 100-continue</c>.</summary>
    public bool ExpectContinue { get; internal set; }

    /// <summary>Connection lists the <c>upgrade</c> token.</summary>
    public bool ConnectionUpgrade { get; internal set; }

    /// <summary>A GET with <c>Connection: upgrade</c> and <c>Upgrade: websocket</c> (RFC 6455 §4.2.1).</summary>
    public bool IsWebSocketUpgrade =>
        Method == HttpRequestMethod.Get && ConnectionUpgrade && HasToken(HttpKnownHeader.Upgrade, "websocket"u8);

    /// <summary>The whole head as received, from the request line to the final CRLF.</summary>
    public ReadOnlySpan<byte> Raw => _buffer.AsSpan(0, _length);

    /// <summary>The method bytes (useful when <see cref="Method"/> is <see cref="HttpRequestMethod.Custom"/>).</summary>
    public ReadOnlySpan<byte> MethodText => _buffer.AsSpan(0, _methodLength);

    /// <summary>The raw request target.</summary>
    public ReadOnlySpan<byte> Target => _buffer.AsSpan(_targetStart, _targetLength);

    /// <summary>The raw (still percent-encoded) path; <c>/</c> for an absolute-form target without one; <c>*</c> for asterisk-form.</summary>
    public ReadOnlySpan<byte> Path => _pathLength == 0 ? "/"u8 : _buffer.AsSpan(_pathStart, _pathLength);

    /// <summary>True when the target has a <c>?</c>.</summary>
    public bool HasQuery => _queryStart >= 0;

    /// <summary>The raw query after <c>?</c> (empty without one); read parameters with <see cref="HttpQuery"/>.</summary>
    public ReadOnlySpan<byte> Query => _queryStart < 0 ? default : _buffer.AsSpan(_queryStart, _queryLength);

    /// <summary>The absolute-form authority when present (it overrides Host), else the Host value (empty if none).</summary>
    public ReadOnlySpan<byte> Authority => _authorityLength > 0 || TargetForm == HttpRequestTargetForm.Absolute
        ? _buffer.AsSpan(_authorityStart, _authorityLength)
        : GetValue(HttpKnownHeader.Host);

    /// <summary>Number of header fields.</summary>
    public int HeaderCount => _fieldCount;

    /// <summary>Field <paramref name="index"/> (offsets into <see cref="Raw"/>).</summary>
    public HttpHeaderField GetField(int index)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)_fieldCount, nameof(index));
        return _fields[index];
    }

    /// <summary>Name of field <paramref name="index"/> as received.</summary>
    public ReadOnlySpan<byte> GetName(int index)
    {
        var f = GetField(index);
        return _buffer.AsSpan(f.NameStart, f.NameLength);
    }

    /// <summary>Value of field <paramref name="index"/>, trimmed of OWS.</summary>
    public ReadOnlySpan<byte> GetValue(int index)
    {
        var f = GetField(index);
        return _buffer.AsSpan(f.ValueStart, f.ValueLength);
    }

    /// <summary>True when the request has <paramref name="header"/> at least once.</summary>
    public bool Contains(HttpKnownHeader header) => _firstIndex[(int)header] >= 0;

    /// <summary>Value of the first <paramref name="header"/> field, or empty when absent.</summary>
    public ReadOnlySpan<byte> GetValue(HttpKnownHeader header)
    {
        var i = _firstIndex[(int)header];
        return i < 0 ? default : GetValue(i);
    }

    /// <summary>Value of the first <paramref name="header"/> field.</summary>
    public bool TryGetValue(HttpKnownHeader header, out ReadOnlySpan<byte> value)
    {
        var i = _firstIndex[(int)header];
        value = i < 0 ? default : GetValue(i);
        return i >= 0;
    }

    /// <summary>Value of the first field called <paramref name="name"/> (any case).</summary>
    public bool TryGetValue(ReadOnlySpan<byte> name, out ReadOnlySpan<byte> value)
    {
        var known = HttpKnownHeaders.Identify(name);
        if (known != HttpKnownHeader.None)
        {
            return TryGetValue(known, out value);
        }

        for (var i = 0; i < _fieldCount; i++)
        {
            var f = _fields[i];
            if (f.Known == HttpKnownHeader.None && Ascii.EqualsIgnoreCase(_buffer.AsSpan(f.NameStart, f.NameLength), name))
            {
                value = _buffer.AsSpan(f.ValueStart, f.ValueLength);
                return true;
            }
        }

        value = default;
        return false;
    }

    /// <summary>True when any <paramref name="header"/> field, read as a comma list, has the element <paramref name="token"/> (any case).</summary>
    public bool HasToken(HttpKnownHeader header, ReadOnlySpan<byte> token)
    {
        var first = _firstIndex[(int)header];
        if (first < 0)
        {
            return false;
        }

        for (var i = first; i < _fieldCount; i++)
        {
            var f = _fields[i];
            if (f.Known == header && HttpTokenList.Contains(_buffer.AsSpan(f.ValueStart, f.ValueLength), token))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Returns the head buffer to the pool (for an idle connection); the head is empty afterwards.</summary>
    public void ReleaseBuffer()
    {
        if (_buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = [];
        }

        Reset();
    }

    /// <summary>Clears every parsed value (the buffer is kept).</summary>
    internal void Reset()
    {
        _length = 0;
        _fieldCount = 0;
        _firstIndex.AsSpan().Fill(-1);
        _methodLength = _targetStart = _targetLength = _pathStart = _pathLength = 0;
        _queryStart = -1;
        _queryLength = _authorityStart = _authorityLength = 0;
        Method = HttpRequestMethod.Custom;
        Version = HttpRequestVersion.Http11;
        TargetForm = HttpRequestTargetForm.Origin;
        Framing = HttpBodyFraming.None;
        ContentLength = -1;
        KeepAlive = ExpectContinue = ConnectionUpgrade = false;
    }

    /// <summary>A writable view of at least <paramref name="length"/> bytes of the buffer, for the parser's multi-segment path.</summary>
    internal Span<byte> GetScratch(int length)
    {
        if (_buffer.Length < length)
        {
            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(length, MinBufferSize));
            if (_buffer.Length > 0)
            {
                ArrayPool<byte>.Shared.Return(_buffer);
            }

            _buffer = larger;
        }

        return _buffer.AsSpan(0, length);
    }

    /// <summary>Copies the head into the buffer (the source may already be a slice of it) and clears the old values.</summary>
    internal ReadOnlySpan<byte> Load(ReadOnlySpan<byte> head)
    {
        Reset();
        if (_buffer.Length < head.Length)
        {
            // Only reached from the single-segment path, so head never aliases the buffer being replaced.
            GetScratch(head.Length);
        }

        head.CopyTo(_buffer);
        _length = head.Length;
        return _buffer.AsSpan(0, _length);
    }

    internal void SetRequestLine(HttpRequestMethod method, int methodLength, HttpRequestTargetForm form, int targetStart, int targetLength)
    {
        Method = method;
        _methodLength = methodLength;
        TargetForm = form;
        _targetStart = targetStart;
        _targetLength = targetLength;
    }

    internal void SetPathAndQuery(int pathStart, int pathLength, int queryStart, int queryLength)
    {
        _pathStart = pathStart;
        _pathLength = pathLength;
        _queryStart = queryStart;
        _queryLength = queryLength;
    }

    internal void SetAuthority(int start, int length)
    {
        _authorityStart = start;
        _authorityLength = length;
    }

    internal void AddField(in HttpHeaderField field)
    {
        if (_fieldCount == _fields.Length)
        {
            Array.Resize(ref _fields, Math.Max(16, _fields.Length * 2));
        }

        if (_firstIndex[(int)field.Known] < 0)
        {
            _firstIndex[(int)field.Known] = (short)_fieldCount;
        }

        _fields[_fieldCount++] = field;
    }
}
