namespace SocketIo.Protocol.Http;

/// <summary>The two HTTP versions a request line may carry (anything else is rejected).</summary>
internal enum HttpRequestVersion : byte
{
    /// <summary>HTTP/1.0.</summary>
    Http10,

    /// <summary>HTTP/1.1.</summary>
    Http11,
}
