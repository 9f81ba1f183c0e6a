namespace SocketIo.Protocol.EngineIO;

/// <summary>
/// A packet waiting in a session's send buffer: a type and data that outlive the call that queued them. Text
/// packets carry UTF-8 data; binary packets are always messages and are written as <c>b</c> + base64 over
/// polling.
/// </summary>
internal readonly struct EngineIOOutgoingPacket
{
    private EngineIOOutgoingPacket(EngineIOPacketType type, ReadOnlyMemory<byte> data, bool isBinary)
    {
        Type = type;
        Data = data;
        IsBinary = isBinary;
    }

    /// <summary>The packet type.</summary>
    public EngineIOPacketType Type { get; }

    /// <summary>UTF-8 text, or raw bytes when <see cref="IsBinary"/>.</summary>
    public ReadOnlyMemory<byte> Data { get; }

    /// <summary>True for a binary message.</summary>
    public bool IsBinary { get; }

    /// <summary>A text packet, e.g. <c>(Message, "hello")</c> or <c>(Ping, "")</c>.</summary>
    public static EngineIOOutgoingPacket Text(EngineIOPacketType type, ReadOnlyMemory<byte> utf8Data)
    {
        EngineIOPacketWriter.TypeDigit(type);
        return new(type, utf8Data, isBinary: false);
    }

    /// <summary>A binary message.</summary>
    public static EngineIOOutgoingPacket Binary(ReadOnlyMemory<byte> bytes) => new(EngineIOPacketType.Message, bytes, isBinary: true);

    /// <summary>Length of the packet as written in a polling payload.</summary>
    public int GetPollingLength() => IsBinary
        ? EngineIOPacketWriter.GetBase64BinaryLength(Data.Length)
        : EngineIOPacketWriter.GetTextLength(Data.Length);
}
