using System.Text.Unicode;
using SocketIo.Protocol.EngineIO;

namespace SocketIo.Fuzz.Targets;

/// <summary>
/// <c>eio-packet</c>: the input as a WebSocket text message and as a binary frame. A decoded packet re-encodes to
/// something that decodes to the same packet (text byte for byte, base64 by content); a rejected one has the
/// error its first byte implies. UTF-8 replacement of the data always yields valid UTF-8.
/// </summary>
public sealed class EngineIoPacketTarget : IFuzzTarget
{
    /// <inheritdoc/>
    public string Name => "eio-packet";

    /// <inheritdoc/>
    public IEnumerable<byte[]> Seeds => EngineIoSeeds.Packets();

    /// <inheritdoc/>
    public void Run(ReadOnlySpan<byte> data)
    {
        CheckText(data);
        CheckBinaryFrame(data);
        CheckReplacement(data);
    }

    private static void CheckText(ReadOnlySpan<byte> data)
    {
        if (!EngineIOPacketReader.TryReadText(data, out var packet, out var error))
        {
            var expected = data.IsEmpty ? EngineIOParseError.EmptyPacket : EngineIOParseError.UnknownPacketType;
            FuzzInvariantException.Check(error == expected, $"rejected with {error}, expected {expected}");
            FuzzInvariantException.Check(data.IsEmpty || !((data[0] >= '0' && data[0] <= '6') || data[0] == 'b'), "valid type rejected");
            return;
        }

        FuzzInvariantException.Check(error == EngineIOParseError.None, "success with an error");
        if (packet.Format == EngineIOPacketFormat.Text)
        {
            var encoded = new byte[EngineIOPacketWriter.GetTextLength(packet.Data.Length)];
            EngineIOPacketWriter.WriteText(encoded, packet.Type, packet.Data);
            FuzzInvariantException.Check(encoded.AsSpan().SequenceEqual(data), "text packet did not re-encode to its input");
            return;
        }

        FuzzInvariantException.Check(packet.Format == EngineIOPacketFormat.Base64 && packet.Type == EngineIOPacketType.Message, "b prefix not base64 message");
        var decoded = new byte[packet.GetMaxDecodedLength()];
        if (!packet.TryDecodeBinary(decoded, out var written, out error))
        {
            FuzzInvariantException.Check(error == EngineIOParseError.InvalidBase64, $"decode into a max-size buffer failed with {error}");
            return;
        }

        var bytes = decoded.AsSpan(0, written);
        var reencoded = new byte[EngineIOPacketWriter.GetBase64BinaryLength(bytes.Length)];
        EngineIOPacketWriter.WriteBase64Binary(reencoded, bytes);
        FuzzInvariantException.Check(EngineIOPacketReader.TryReadText(reencoded, out var again, out _), "re-encoded base64 rejected");
        var roundTrip = new byte[again.GetMaxDecodedLength()];
        FuzzInvariantException.Check(again.TryDecodeBinary(roundTrip, out var written2, out _), "re-encoded base64 does not decode");
        FuzzInvariantException.Check(roundTrip.AsSpan(0, written2).SequenceEqual(bytes), "base64 round trip changed the bytes");
    }

    private static void CheckBinaryFrame(ReadOnlySpan<byte> data)
    {
        var packet = EngineIOPacketReader.ReadBinary(data);
        FuzzInvariantException.Check(packet.Type == EngineIOPacketType.Message && packet.Format == EngineIOPacketFormat.Binary, "binary frame not a binary message");
        var copy = new byte[packet.GetMaxDecodedLength()];
        FuzzInvariantException.Check(packet.TryDecodeBinary(copy, out var written, out _) && copy.AsSpan(0, written).SequenceEqual(data), "binary frame data changed");
    }

    private static void CheckReplacement(ReadOnlySpan<byte> data)
    {
        var replaced = new byte[Utf8Replacement.GetReplacedLength(data)];
        var written = Utf8Replacement.Replace(data, replaced);
        FuzzInvariantException.Check(written == replaced.Length, "replacement length differs from its size-first length");
        FuzzInvariantException.Check(Utf8.IsValid(replaced), "replacement produced invalid UTF-8");
        FuzzInvariantException.Check(!Utf8.IsValid(data) || replaced.AsSpan().SequenceEqual(data), "replacement changed valid UTF-8");
    }
}
