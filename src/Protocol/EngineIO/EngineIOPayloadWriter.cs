using System.Buffers;

namespace SocketIo.Protocol.EngineIO;

/// <summary>
/// Builds a v4 polling payload (a poll response body): packets joined by 0x1E, none before the first or after
/// the last (PROTOCOL.md 1.5), each written once into the output.
/// <para>
/// Byte budget: a packet is appended only while the payload, separators included, stays within the budget.
/// The first packet always goes, however large, so a session whose next packet alone exceeds the budget still
/// makes progress instead of stalling forever. Order is kept: once a packet does not fit, the writer is
/// <see cref="IsFull"/> and refuses everything after it, even smaller packets. The reference never splits its
/// poll responses (1.10), so the engine may pass no budget at all.
/// </para>
/// Text data is written as is. A raw text message containing 0x1E would split on the client's side; there is
/// no escape for it (trap 3), and, like the reference, the writer does not check.
/// </summary>
internal ref struct EngineIOPayloadWriter
{
    private readonly IBufferWriter<byte> _output;
    private readonly long _byteBudget;

    /// <summary>Starts a payload in <paramref name="output"/> limited to <paramref name="byteBudget"/> bytes.</summary>
    public EngineIOPayloadWriter(IBufferWriter<byte> output, long byteBudget = long.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentOutOfRangeException.ThrowIfNegative(byteBudget);
        _output = output;
        _byteBudget = byteBudget;
    }

    /// <summary>Packets appended so far.</summary>
    public int Count { get; private set; }

    /// <summary>Payload bytes written so far, separators included.</summary>
    public long BytesWritten { get; private set; }

    /// <summary>True once a packet did not fit the budget; every later append is refused.</summary>
    public bool IsFull { get; private set; }

    /// <summary>Appends <paramref name="packet"/> if it fits; false if the payload is full.</summary>
    public bool TryAppend(in EngineIOOutgoingPacket packet) => packet.IsBinary
        ? TryAppendBinary(packet.Data.Span)
        : TryAppendText(packet.Type, packet.Data.Span);

    /// <summary>Appends the text packet <c>&lt;type digit&gt;&lt;data&gt;</c> if it fits.</summary>
    public bool TryAppendText(EngineIOPacketType type, ReadOnlySpan<byte> utf8Data)
    {
        var length = EngineIOPacketWriter.GetTextLength(utf8Data.Length);
        if (!TryBegin(length, out var span))
        {
            return false;
        }

        EngineIOPacketWriter.WriteText(span, type, utf8Data);
        Commit(length);
        return true;
    }

    /// <summary>Appends the binary message <c>b</c> + base64 if it fits.</summary>
    public bool TryAppendBinary(ReadOnlySpan<byte> bytes)
    {
        var length = EngineIOPacketWriter.GetBase64BinaryLength(bytes.Length);
        if (!TryBegin(length, out var span))
        {
            return false;
        }

        EngineIOPacketWriter.WriteBase64Binary(span, bytes);
        Commit(length);
        return true;
    }

    /// <summary>Appends a packet that is already encoded for polling (e.g. a broadcast encoded once for every
    /// recipient) if it fits. It must be a whole, non-empty packet.</summary>
    public bool TryAppendEncoded(ReadOnlySpan<byte> encodedPacket)
    {
        if (!TryBegin(encodedPacket.Length, out var span))
        {
            return false;
        }

        encodedPacket.CopyTo(span);
        Commit(encodedPacket.Length);
        return true;
    }

    /// <summary>
    /// Writes as many of <paramref name="packets"/>, in order, as fit <paramref name="byteBudget"/> (at least one
    /// when there is any); returns how many went, so the caller can drop them from its queue.
    /// </summary>
    public static int Write(IBufferWriter<byte> output, ReadOnlySpan<EngineIOOutgoingPacket> packets, long byteBudget, out long bytesWritten)
    {
        var writer = new EngineIOPayloadWriter(output, byteBudget);
        foreach (ref readonly var packet in packets)
        {
            if (!writer.TryAppend(packet))
            {
                break;
            }
        }

        bytesWritten = writer.BytesWritten;
        return writer.Count;
    }

    private bool TryBegin(int packetLength, out Span<byte> packetSpan)
    {
        var separator = Count == 0 ? 0 : 1;
        if (IsFull || (Count > 0 && BytesWritten + separator + packetLength > _byteBudget))
        {
            IsFull = true;
            packetSpan = default;
            return false;
        }

        var span = _output.GetSpan(separator + packetLength);
        if (separator != 0)
        {
            span[0] = EngineIOPayloadReader.Separator;
        }

        packetSpan = span.Slice(separator, packetLength);
        return true;
    }

    private void Commit(int packetLength)
    {
        var length = packetLength + (Count == 0 ? 0 : 1);
        _output.Advance(length);
        BytesWritten += length;
        Count++;
    }
}
