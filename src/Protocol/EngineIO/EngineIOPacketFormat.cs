namespace SocketIo.Protocol.EngineIO;

/// <summary>How a decoded packet's <see cref="EngineIOPacket.Data"/> is represented.</summary>
internal enum EngineIOPacketFormat : byte
{
    /// <summary>UTF-8 text after the type digit (<c>4hello</c> gives <c>hello</c>).</summary>
    Text = 0,

    /// <summary>A binary message sent as <c>b</c> + base64; the data is the base64 text, still encoded.</summary>
    Base64 = 1,

    /// <summary>A binary message from a binary WebSocket frame; the data is the raw bytes.</summary>
    Binary = 2,
}
