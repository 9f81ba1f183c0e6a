namespace SocketIo.Protocol.Http;

/// <summary>Outcome of one call to <see cref="HttpRequestParser"/>.Parse.</summary>
internal enum HttpParseStatus : byte
{
    /// <summary>The head is not complete yet; nothing was consumed. Call again with more bytes.</summary>
    NeedMoreData,

    /// <summary>A complete, valid head was parsed; the consumed position is just past its empty line.</summary>
    Done,

    /// <summary>The request is malformed; answer the error's status code and close the connection.</summary>
    Error,
}
