namespace SocketIo.Protocol.WebSockets;

/// <summary>A <see cref="IWebSocketSubprotocolSelector"/> that accepts the subprotocols of a fixed list (ordinal match).</summary>
internal readonly struct WebSocketSubprotocolList : IWebSocketSubprotocolSelector
{
    private readonly byte[][] _supported;

    /// <summary>Accepts exactly the given subprotocol names (ASCII tokens).</summary>
    public WebSocketSubprotocolList(params string[] supported)
    {
        ArgumentNullException.ThrowIfNull(supported);
        _supported = Array.ConvertAll(supported, System.Text.Encoding.ASCII.GetBytes);
    }

    /// <inheritdoc />
    public bool Accepts(ReadOnlySpan<byte> subprotocol)
    {
        foreach (var name in _supported ?? [])
        {
            if (subprotocol.SequenceEqual(name))
            {
                return true;
            }
        }

        return false;
    }
}
