namespace SocketIo.Protocol.Http;

/// <summary>How the request body is delimited (RFC 9112 §6.3).</summary>
internal enum HttpBodyFraming : byte
{
    /// <summary>No body; any following bytes are the next request.</summary>
    None,

    /// <summary>Exactly <see cref="HttpRequestHead.ContentLength"/> bytes (may be 0).</summary>
    ContentLength,

    /// <summary>Transfer-Encoding: chunked; decode with <see cref="HttpChunkedDecoder"/>.</summary>
    Chunked,
}
