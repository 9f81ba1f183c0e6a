namespace SocketIo.Protocol.Http;

/// <summary>RFC 9112 §3.2 request-target forms the parser accepts (authority-form is rejected).</summary>
internal enum HttpRequestTargetForm : byte
{
    /// <summary><c>/path?query</c>.</summary>
    Origin,

    /// <summary><c>http://host/path?query</c>; its authority overrides Host.</summary>
    Absolute,

    /// <summary><c>*</c>, OPTIONS only.</summary>
    Asterisk,
}
