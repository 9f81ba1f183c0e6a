using System.Buffers;
using System.Buffers.Text;
using System.Runtime.CompilerServices;

namespace SocketIo.Protocol.EngineIO;

/// <summary>
/// One decoded Engine.IO packet: a view over the caller's input, valid as long as that input is. Produced by
/// <see cref="EngineIOPacketReader"/> and <see cref="EngineIOPayloadReader"/>; nothing is copied or decoded
/// until the caller asks (<see cref="TryDecodeBinary"/>), so a packet the engine drops costs nothing.
/// </summary>
internal readonly ref struct EngineIOPacket
{
    private static ReadOnlySpan<byte> Probe => "probe"u8;

    internal EngineIOPacket(EngineIOPacketType type, EngineIOPacketFormat format, ReadOnlySpan<byte> data, bool hasInvalidUtf8)
    {
        Type = type;
        Format = format;
        Data = data;
        HasInvalidUtf8 = hasInvalidUtf8;
    }

    /// <summary>The packet type; always <see cref="EngineIOPacketType.Message"/> for binary packets.</summary>
    public EngineIOPacketType Type { get; }

    /// <summary>How <see cref="Data"/> is represented.</summary>
    public EngineIOPacketFormat Format { get; }

    /// <summary>
    /// The packet data without the type prefix: UTF-8 text (<see cref="EngineIOPacketFormat.Text"/>), base64
    /// text still to decode (<see cref="EngineIOPacketFormat.Base64"/>), or raw bytes
    /// (<see cref="EngineIOPacketFormat.Binary"/>).
    /// </summary>
    public ReadOnlySpan<byte> Data { get; }

    /// <summary>True for binary messages, whether they came as raw bytes or as base64.</summary>
    public bool IsBinary => Format != EngineIOPacketFormat.Text;

    /// <summary>
    /// True when this text packet came from a polling payload and <see cref="Data"/> is not valid UTF-8. The
    /// reference decodes the body with U+FFFD replacement, so the engine should pass on the output of
    /// <see cref="Utf8Replacement.Replace"/> instead of <see cref="Data"/>. Always false for packets from
    /// <see cref="EngineIOPacketReader"/>: a WebSocket text frame is checked by the frame layer (close 1007).
    /// </summary>
    public bool HasInvalidUtf8 { get; }

    /// <summary>True for the upgrade probe data (<c>2probe</c>, <c>3probe</c>).</summary>
    public bool IsProbe => Format == EngineIOPacketFormat.Text && Data.SequenceEqual(Probe);

    /// <summary>A buffer of this many bytes always holds <see cref="TryDecodeBinary"/>'s output.</summary>
    public int GetMaxDecodedLength() =>
        Format == EngineIOPacketFormat.Base64 ? Base64.GetMaxDecodedFromUtf8Length(Data.Length) : Data.Length;

    /// <summary>
    /// Writes the packet's bytes into <paramref name="destination"/>: base64-decoded for
    /// <see cref="EngineIOPacketFormat.Base64"/>, copied as they are otherwise. Base64 must use the standard
    /// alphabet with padding (what every client sends); anything else is
    /// <see cref="EngineIOParseError.InvalidBase64"/>. Never throws.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryDecodeBinary(Span<byte> destination, out int bytesWritten, out EngineIOParseError error)
    {
        // The common case inline, so a payload loop calls only the decoder; raw copies and errors out of line (a
        // failed decode runs once more there, to tell a short destination from bad base64).
        if (Format == EngineIOPacketFormat.Base64
            && Base64.DecodeFromUtf8(Data, destination, out var consumed, out bytesWritten) == OperationStatus.Done
            && consumed == Data.Length)
        {
            error = EngineIOParseError.None;
            return true;
        }

        return TryDecodeBinaryOther(Data, Format, destination, out bytesWritten, out error);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static bool TryDecodeBinaryOther(
        ReadOnlySpan<byte> data, EngineIOPacketFormat format, Span<byte> destination, out int bytesWritten, out EngineIOParseError error)
    {
        if (format != EngineIOPacketFormat.Base64)
        {
            if (!data.TryCopyTo(destination))
            {
                return Fail(EngineIOParseError.DestinationTooSmall, out bytesWritten, out error);
            }

            bytesWritten = data.Length;
            error = EngineIOParseError.None;
            return true;
        }

        var status = Base64.DecodeFromUtf8(data, destination, out var consumed, out bytesWritten);
        switch (status)
        {
            case OperationStatus.Done when consumed == data.Length:
                error = EngineIOParseError.None;
                return true;
            case OperationStatus.DestinationTooSmall:
                return Fail(EngineIOParseError.DestinationTooSmall, out bytesWritten, out error);
            default:
                return Fail(EngineIOParseError.InvalidBase64, out bytesWritten, out error);
        }
    }

    private static bool Fail(EngineIOParseError reason, out int bytesWritten, out EngineIOParseError error)
    {
        bytesWritten = 0;
        error = reason;
        return false;
    }

    internal EngineIOPacket WithInvalidUtf8() => new(Type, Format, Data, hasInvalidUtf8: true);
}
