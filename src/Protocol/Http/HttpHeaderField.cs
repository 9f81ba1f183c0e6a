namespace SocketIo.Protocol.Http;

/// <summary>Where one header field sits in <see cref="HttpRequestHead"/>'s buffer; the value is already trimmed of OWS.</summary>
internal readonly record struct HttpHeaderField(int NameStart, int NameLength, int ValueStart, int ValueLength, HttpKnownHeader Known);
