using SocketIo.Engine.Http;
using SocketIo.Engine.SocketIO.Connections;
using SocketIo.Protocol.Http;

namespace SocketIo.Engine.SocketIO.EngineIoBridge;

/// <summary>Copies what every namespace handshake needs out of the request that opened an Engine.IO session.</summary>
internal static class EngineHandshakeReader
{
    /// <summary>
    /// Keeps a copy of the request head and the peer's endpoint (headers, query, URL and address are read from them on
    /// first access) and notes whether the request was cross-domain.
    /// </summary>
    public static EngineHandshake Read(HttpContext context, DateTimeOffset issued)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        return new EngineHandshake(request.Raw.ToArray(), context.Connection.RemoteEndPoint, request.Contains(HttpKnownHeader.Origin), issued);
    }
}
