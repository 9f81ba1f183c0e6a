using System.Net;

namespace SocketIo.LoadGen.SocketIo;

/// <summary>
/// Spreads client sockets over the source addresses 127.0.0.2, 127.0.0.3, ... so that more connections than
/// one address's ephemeral ports can be opened to one server port (every 127/8 address is loopback on Linux).
/// </summary>
internal sealed class SourceAddresses(int count)
{
    /// <summary>How many addresses are used (1 means the kernel's choice, no bind).</summary>
    public int Count { get; } = Math.Max(count, 1);

    /// <summary>The local end point for connection <paramref name="index"/> (port 0), or null when not spreading.</summary>
    public IPEndPoint? For(int index) =>
        Count <= 1 ? null : new IPEndPoint(new IPAddress([127, 0, (byte)((2 + (index % Count)) >> 8), (byte)((2 + (index % Count)) & 0xFF)]), 0);
}
