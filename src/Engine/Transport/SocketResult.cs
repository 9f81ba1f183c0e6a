using System.Net.Sockets;

namespace SocketIo.Engine.Transport;

/// <summary>Outcome of one socket operation, returned instead of thrown so resets cost no exception.</summary>
internal readonly record struct SocketResult(int BytesTransferred, SocketError Error)
{
    /// <summary>True when the operation succeeded.</summary>
    public bool Succeeded => Error == SocketError.Success;
}
