namespace SocketIo.Protocol.Http;

/// <summary>Request method, recognized from its bytes without building a string.</summary>
internal enum HttpRequestMethod : byte
{
    /// <summary>A valid token that is not one of the methods below; read it from <see cref="HttpRequestHead.MethodText"/>.</summary>
    Custom,

    /// <summary>GET.</summary>
    Get,

    /// <summary>HEAD.</summary>
    Head,

    /// <summary>POST.</summary>
    Post,

    /// <summary>PUT.</summary>
    Put,

    /// <summary>DELETE.</summary>
    Delete,

    /// <summary>OPTIONS.</summary>
    Options,

    /// <summary>PATCH.</summary>
    Patch,

    /// <summary>TRACE.</summary>
    Trace,

    /// <summary>CONNECT (its authority-form target is rejected).</summary>
    Connect,
}
