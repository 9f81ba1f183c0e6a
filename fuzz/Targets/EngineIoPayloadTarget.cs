using System.Buffers;
using System.Text.Unicode;
using SocketIo.Protocol.EngineIO;

namespace SocketIo.Fuzz.Targets;

/// <summary>
/// <c>eio-payload</c>: the input as a polling body. Every packet up to the first error is checked; a fully valid
/// body re-encodes (binary packets re-encoded from their decoded bytes) to a body that reads back to equal
/// packets, and to the very same bytes when it held no base64.
/// </summary>
public sealed class EngineIoPayloadTarget : IFuzzTarget
{
    private sealed record Packet(EngineIOPacketType Type, EngineIOPacketFormat Format, byte[] Data, bool HasInvalidUtf8);

    /// <inheritdoc/>
    public string Name => "eio-payload";

    /// <inheritdoc/>
    public IEnumerable<byte[]> Seeds => EngineIoSeeds.Payloads();

    /// <inheritdoc/>
    public void Run(ReadOnlySpan<byte> data)
    {
        var packets = Read(data, out var error, out var hadBase64);
        if (error != EngineIOParseError.None)
        {
            FuzzInvariantException.Check(
                error is EngineIOParseError.EmptyPacket or EngineIOParseError.UnknownPacketType or EngineIOParseError.EmptyPayload
                    or EngineIOParseError.InvalidBase64,
                $"unexpected payload error {error}");
            FuzzInvariantException.Check((error == EngineIOParseError.EmptyPayload) == data.IsEmpty, "EmptyPayload iff the body is empty");
            return;
        }

        FuzzInvariantException.Check(packets.Count == data.Count(EngineIOPayloadReader.Separator) + 1, "packet count differs from part count");
        var output = new ArrayBufferWriter<byte>();
        var writer = new EngineIOPayloadWriter(output);
        foreach (var p in packets)
        {
            var appended = p.Format == EngineIOPacketFormat.Text
                ? writer.TryAppendText(p.Type, p.Data)
                : writer.TryAppendBinary(p.Data);
            FuzzInvariantException.Check(appended, "unbudgeted writer refused a packet");
        }

        FuzzInvariantException.Check(hadBase64 || output.WrittenSpan.SequenceEqual(data), "text-only payload did not re-encode to its input");
        var again = Read(output.WrittenSpan, out error, out _);
        FuzzInvariantException.Check(error == EngineIOParseError.None && again.Count == packets.Count, "re-encoded payload does not read back");
        for (var i = 0; i < packets.Count; i++)
        {
            var (a, b) = (packets[i], again[i]);
            FuzzInvariantException.Check(a.Type == b.Type && a.HasInvalidUtf8 == b.HasInvalidUtf8 && a.Data.AsSpan().SequenceEqual(b.Data), $"packet {i} changed in the round trip");
        }
    }

    // Reads like the engine: base64 is decoded (into Data) in packet order, and a bad one stops the body.
    private static List<Packet> Read(ReadOnlySpan<byte> body, out EngineIOParseError error, out bool hadBase64)
    {
        var packets = new List<Packet>();
        hadBase64 = false;
        var reader = new EngineIOPayloadReader(body, stackalloc ulong[EngineIOPayloadReader.ScratchLength]);
        while (reader.MoveNext())
        {
            var packet = reader.Current;
            FuzzInvariantException.Check(packet.HasInvalidUtf8 == (packet.Format == EngineIOPacketFormat.Text && !Utf8.IsValid(packet.Data)), "UTF-8 flag wrong");
            FuzzInvariantException.Check(packet.Format != EngineIOPacketFormat.Binary, "raw binary inside a text payload");
            var bytes = new byte[packet.GetMaxDecodedLength()];
            if (!packet.TryDecodeBinary(bytes, out var written, out error))
            {
                FuzzInvariantException.Check(packet.Format == EngineIOPacketFormat.Base64 && error == EngineIOParseError.InvalidBase64, $"decode failed with {error}");
                return packets;
            }

            hadBase64 |= packet.Format == EngineIOPacketFormat.Base64;
            packets.Add(new Packet(packet.Type, packet.Format, bytes[..written], packet.HasInvalidUtf8));
        }

        FuzzInvariantException.Check(reader.Count == packets.Count, "reader count differs");
        error = reader.Error;
        return packets;
    }
}
