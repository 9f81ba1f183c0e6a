namespace SocketIo.Protocol.Http;

/// <summary>Outcome of one body reader call (<see cref="HttpChunkedDecoder"/>, <see cref="HttpContentLengthReader"/>).</summary>
internal enum HttpBodyStatus : byte
{
    /// <summary>All input was used; call again with more bytes.</summary>
    NeedMoreData,

    /// <summary>A piece of body data is returned; call again for the rest.</summary>
    Data,

    /// <summary>The body (and, for chunked, its trailers) ended; the reader stopped right after it.</summary>
    Done,

    /// <summary>The framing is invalid or over a limit; see the error, then close.</summary>
    Error,
}
