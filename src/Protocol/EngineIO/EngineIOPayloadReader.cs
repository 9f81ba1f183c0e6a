using System.Text.Unicode;

namespace SocketIo.Protocol.EngineIO;

/// <summary>
/// Enumerates the packets of a v4 polling payload (a POST body): parts separated by 0x1E, each decoded by
/// <see cref="EngineIOPacketReader.TryReadText"/> (PROTOCOL.md 1.5). Allocates nothing; packets are views
/// over the payload.
/// <code>
/// var reader = new EngineIOPayloadReader(body);
/// while (reader.MoveNext()) { Handle(reader.Current); }
/// if (reader.Error != EngineIOParseError.None) { /* close with "parse error"; earlier packets stand */ }
/// </code>
/// Rules: an empty body is <see cref="EngineIOParseError.EmptyPayload"/>; an empty part (leading, doubled or
/// trailing separator) is <see cref="EngineIOParseError.EmptyPacket"/>; the first bad part stops the
/// enumeration. Base64 is not decoded here: a bad <c>b...</c> part surfaces when the engine calls
/// <see cref="EngineIOPacket.TryDecodeBinary"/>, still in packet order.
/// <para>
/// UTF-8: the body must be decoded only once it is complete, and the reference replaces invalid sequences with
/// U+FFFD rather than failing. The reader checks the whole body once (vectorized) and, only if it is not
/// valid, marks each text packet whose data is bad with <see cref="EngineIOPacket.HasInvalidUtf8"/>; the
/// engine then passes on <see cref="Utf8Replacement.Replace"/> of that data, which is what the reference
/// would have seen. The replacement never touches 0x1E, so splitting before replacing is equivalent.
/// </para>
/// </summary>
internal ref struct EngineIOPayloadReader
{
    /// <summary>The byte between packets of a polling payload.</summary>
    public const byte Separator = 0x1E;

    private ReadOnlySpan<byte> _remaining;
    private readonly bool _bodyIsValidUtf8;
    private bool _finished;

    /// <summary>Starts reading <paramref name="payload"/>.</summary>
    public EngineIOPayloadReader(ReadOnlySpan<byte> payload)
    {
        _remaining = payload;
        _bodyIsValidUtf8 = Utf8.IsValid(payload);
        if (payload.IsEmpty)
        {
            _finished = true;
            Error = EngineIOParseError.EmptyPayload;
        }
    }

    /// <summary>The packet <see cref="MoveNext"/> last produced.</summary>
    public EngineIOPacket Current { get; private set; }

    /// <summary>Why the enumeration stopped early, or <see cref="EngineIOParseError.None"/>.</summary>
    public EngineIOParseError Error { get; private set; }

    /// <summary>Packets produced so far.</summary>
    public int Count { get; private set; }

    /// <summary>Moves to the next packet; false at the end of the payload or at the first invalid part
    /// (then <see cref="Error"/> says why).</summary>
    public bool MoveNext()
    {
        if (_finished)
        {
            return false;
        }

        ReadOnlySpan<byte> part;
        var separator = _remaining.IndexOf(Separator);
        if (separator < 0)
        {
            part = _remaining;
            _remaining = default;
            _finished = true;
        }
        else
        {
            part = _remaining[..separator];
            _remaining = _remaining[(separator + 1)..];
        }

        if (!EngineIOPacketReader.TryReadText(part, out var packet, out var error))
        {
            _finished = true;
            Error = error;
            Current = default;
            return false;
        }

        if (!_bodyIsValidUtf8 && packet.Format == EngineIOPacketFormat.Text && !Utf8.IsValid(packet.Data))
        {
            packet = packet.WithInvalidUtf8();
        }

        Current = packet;
        Count++;
        return true;
    }
}
