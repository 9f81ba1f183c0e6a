using System.Buffers;
using SocketIo.Protocol.Json;
using SocketIo.Protocol.SocketIO;

namespace SocketIo.Fuzz.Targets;

/// <summary>
/// <c>sio-packet</c>: decodes a Socket.IO packet; a valid one is re-encoded with the raw-argument writer and
/// must parse back to equal fields, and its payload must normalize to stable <c>JSON.stringify</c> form.
/// </summary>
public sealed class SocketIoPacketTarget : IFuzzTarget
{
    /// <inheritdoc />
    public string Name => "sio-packet";

    /// <inheritdoc />
    public IEnumerable<byte[]> Seeds => SocketIoSeeds.PacketBytes;

    /// <inheritdoc />
    public void Run(ReadOnlySpan<byte> data) => FuzzInvariantException.Guard(data, Check, "the Socket.IO codec");

    private static void Check(ReadOnlySpan<byte> data)
    {
        var error = SocketIoPacketReader.TryRead(data, out var packet, acceptConnectError: true);
        FuzzInvariantException.Check(Enum.IsDefined(error), "error is a defined value");
        if (error != SocketIoPacketError.None)
        {
            return;
        }

        var output = new ArrayBufferWriter<byte>();
        var nameBuffer = new byte[packet.RawEventName.Length];
        var nameLength = 0;
        if (packet.IsEvent && !packet.EventNameIsNumber)
        {
            FuzzInvariantException.Check(packet.TryGetEventName(nameBuffer, out nameLength), "event name fits its raw length");
            FuzzInvariantException.Check(packet.EventNameEquals(nameBuffer.AsSpan(0, nameLength)), "event name equals its unescaped copy");
            SocketIoPacketWriter.WriteEvent(output, packet.Namespace, nameBuffer.AsSpan(0, nameLength), packet.RawArguments, packet.AckId, packet.AttachmentCount);
        }
        else if (packet.IsAck && packet.HasAckId)
        {
            SocketIoPacketWriter.WriteAck(output, packet.Namespace, packet.AckId, packet.RawArguments, packet.AttachmentCount);
        }
        else
        {
            SocketIoPacketWriter.WritePacket(output, packet.Type, packet.Namespace, packet.AckId, packet.AttachmentCount, packet.Payload);
        }

        var again = SocketIoPacketReader.TryRead(output.WrittenSpan, out var reparsed, acceptConnectError: true);
        FuzzInvariantException.Check(again == SocketIoPacketError.None, $"re-encoded packet parses ({again})");
        var expectedType = packet.Type == SocketIoPacketType.BinaryEvent && packet.AttachmentCount == 0 && !packet.EventNameIsNumber
            ? SocketIoPacketType.Event
            : packet.Type == SocketIoPacketType.BinaryAck && packet.AttachmentCount == 0 && packet.HasAckId ? SocketIoPacketType.Ack : packet.Type;
        FuzzInvariantException.Check(reparsed.Type == expectedType, "type survives");
        FuzzInvariantException.Check(reparsed.Namespace.SequenceEqual(packet.Namespace), "namespace survives");
        FuzzInvariantException.Check(reparsed.AckId == packet.AckId, "ack id survives");
        FuzzInvariantException.Check(reparsed.AttachmentCount == packet.AttachmentCount, "attachment count survives");
        if (packet.IsEvent && !packet.EventNameIsNumber)
        {
            FuzzInvariantException.Check(reparsed.EventNameEquals(nameBuffer.AsSpan(0, nameLength)), "event name survives");
        }

        if (packet.IsEvent || packet.IsAck)
        {
            var a = packet.GetArguments();
            var b = reparsed.GetArguments();
            while (a.MoveNext())
            {
                FuzzInvariantException.Check(b.MoveNext() && a.Current.SequenceEqual(b.Current), "arguments survive byte for byte");
            }

            FuzzInvariantException.Check(!b.MoveNext(), "no extra arguments");
        }
        else
        {
            FuzzInvariantException.Check(reparsed.Payload.SequenceEqual(packet.Payload), "payload survives");
        }

        CheckNormalizer(packet.Payload);
    }

    private static void CheckNormalizer(ReadOnlySpan<byte> payload)
    {
        if (payload.IsEmpty)
        {
            return;
        }

        var once = new ArrayBufferWriter<byte>();
        FuzzInvariantException.Check(JsonStringify.Normalize(payload, once), "a valid payload normalizes");
        var twice = new ArrayBufferWriter<byte>();
        FuzzInvariantException.Check(JsonStringify.Normalize(once.WrittenSpan, twice), "normalized output normalizes");
        FuzzInvariantException.Check(once.WrittenSpan.SequenceEqual(twice.WrittenSpan), "normalizing is idempotent");
        var reader = new System.Text.Json.Utf8JsonReader(once.WrittenSpan, new System.Text.Json.JsonReaderOptions { MaxDepth = 64 });
        while (reader.Read())
        {
            // Throws (an invariant failure) if the normalizer produced invalid JSON.
        }
    }
}
