using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using CsCheck;
using SocketIo.Protocol.Json;
using SocketIo.Protocol.SocketIO;

namespace SocketIo.Protocol.Tests.SocketIO;

public sealed class SocketIoPropertyTests
{
    // CsCheck starts from this seed (and prints the seed of any failure, to replay it).
    private const string Seed = "0N0XIzNsQ0O2";

    private static readonly JsonSerializerOptions Stringify = new() { Encoder = JsonStringifyEncoder.Instance };

    private static readonly Gen<string> JsonString = Gen.String.Select(s => JsonSerializer.Serialize(s, Stringify));

    private static readonly Gen<string> Leaf = Gen.OneOf(
        Gen.Long.Select(i => i.ToString(CultureInfo.InvariantCulture)),
        Gen.Double.Select(FormatJs),
        JsonString,
        Gen.OneOfConst("true", "false", "null"));

    private static readonly Gen<string> Json = JsonValue(3);

    private static readonly Gen<string> Namespace = Gen.OneOf(
        Gen.Const("/"),
        Gen.String[Gen.Char.AlphaNumeric, 1, 8].Select(s => "/" + s),
        Gen.String.Select(s => "/" + s.Replace(",", "", StringComparison.Ordinal)).Where(s => Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(s)) == s));

    private static readonly Gen<long> AckId = Gen.OneOf(Gen.Const(SocketIoPacket.NoAckId), Gen.Long[0, SocketIoPacketReader.MaxAckId], Gen.Const(SocketIoPacketReader.MaxAckId));

    private static readonly Gen<string> EventName = Gen.String
        .Where(s => Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(s)) == s)
        .Where(s => s is not ("connect" or "connect_error" or "disconnect" or "disconnecting" or "newListener" or "removeListener"));

    [Fact]
    public void Events_round_trip_through_writer_and_reader()
    {
        Gen.Select(Namespace, EventName, Json.Array[0, 5], AckId).Sample((nsp, name, args, ackId) =>
        {
            var output = new ArrayBufferWriter<byte>();
            var raw = Encoding.UTF8.GetBytes(string.Join(",", args));
            SocketIoPacketWriter.WriteEvent(output, Encoding.UTF8.GetBytes(nsp), Encoding.UTF8.GetBytes(name), raw, ackId);
            Assert.Equal(SocketIoPacketError.None, SocketIoPacketReader.TryRead(output.WrittenSpan, out var packet));
            Assert.Equal(SocketIoPacketType.Event, packet.Type);
            Assert.Equal(nsp, Encoding.UTF8.GetString(packet.Namespace));
            Assert.Equal(ackId, packet.AckId);
            Assert.Equal(name, packet.GetEventNameString());
            Assert.True(packet.EventNameEquals(Encoding.UTF8.GetBytes(name)));
            var seen = new List<string>();
            foreach (var arg in packet.GetArguments())
            {
                seen.Add(Encoding.UTF8.GetString(arg));
            }

            Assert.Equal(args, seen);
            Assert.Equal(raw, packet.RawArguments.ToArray());
        }, seed: Seed, iter: 400, threads: 1);
    }

    [Fact]
    public void Acks_connects_and_disconnects_round_trip()
    {
        Gen.Select(Namespace, Json.Array[0, 4], Gen.Long[0, SocketIoPacketReader.MaxAckId], JsonString).Sample((nsp, args, ackId, value) =>
        {
            var nspBytes = Encoding.UTF8.GetBytes(nsp);
            var ack = new ArrayBufferWriter<byte>();
            SocketIoPacketWriter.WriteAck(ack, nspBytes, ackId, Encoding.UTF8.GetBytes(string.Join(",", args)));
            Assert.Equal(SocketIoPacketError.None, SocketIoPacketReader.TryRead(ack.WrittenSpan, out var packet));
            Assert.Equal((SocketIoPacketType.Ack, nsp, ackId, args.Length), (packet.Type, Encoding.UTF8.GetString(packet.Namespace), packet.AckId, packet.GetArguments().Count()));

            var connect = new ArrayBufferWriter<byte>();
            var auth = "{\"k\":" + value + "}";
            SocketIoPacketWriter.WriteConnect(connect, nspBytes, Encoding.UTF8.GetBytes(auth));
            Assert.Equal(SocketIoPacketError.None, SocketIoPacketReader.TryRead(connect.WrittenSpan, out packet));
            Assert.Equal((SocketIoPacketType.Connect, nsp, auth), (packet.Type, Encoding.UTF8.GetString(packet.Namespace), Encoding.UTF8.GetString(packet.Payload)));

            var disconnect = new ArrayBufferWriter<byte>();
            SocketIoPacketWriter.WriteDisconnect(disconnect, nspBytes);
            Assert.Equal(SocketIoPacketError.None, SocketIoPacketReader.TryRead(disconnect.WrittenSpan, out packet));
            Assert.Equal((SocketIoPacketType.Disconnect, nsp), (packet.Type, Encoding.UTF8.GetString(packet.Namespace)));
        }, seed: Seed, iter: 300, threads: 1);
    }

    [Fact]
    public void Binary_arguments_round_trip_through_attachments()
    {
        var blob = Gen.Byte.Array[0, 16];
        Gen.Select(Namespace, Gen.String[Gen.Char.AlphaNumeric, 1, 6], blob, blob, blob.Array[0, 4], AckId).Sample((nsp, name, data, head, chunks, ackId) =>
        {
            var attachments = new List<ReadOnlyMemory<byte>>();
            var output = new ArrayBufferWriter<byte>();
            var sent = new FileMessage(name, data, new FileParts(head, chunks));
            using (var builder = SocketIoPacketBuilder.CreateEvent(Encoding.UTF8.GetBytes(name), attachments))
            {
                builder.AddArgument(sent, TestJsonContext.Default.FileMessage);
                builder.WriteTo(output, Encoding.UTF8.GetBytes(nsp), ackId);
            }

            using var assembler = new SocketIoBinaryAssembler();
            var status = assembler.AcceptText(output.WrittenSpan, out _, out var error);
            Assert.Equal(SocketIoAssemblyStatus.AwaitingAttachments, status);
            SocketIoPacket packet = default;
            for (var i = 0; i < attachments.Count; i++)
            {
                status = assembler.AcceptBinary(attachments[i], out packet, out error);
            }

            Assert.Equal((SocketIoAssemblyStatus.Complete, SocketIoPacketError.None), (status, error));
            Assert.Equal(2 + chunks.Length, packet.AttachmentCount);
            Assert.Equal(ackId, packet.AckId);
            var args = packet.GetArguments();
            Assert.True(args.MoveNext());
            var received = SocketIoArguments.Deserialize(args.Current, TestJsonContext.Default.FileMessage, assembler.Attachments)!;
            Assert.Equal(data, received.Data);
            Assert.Equal(head, received.Parts.Head.ToArray());
            Assert.Equal(chunks, received.Parts.Chunks);
        }, seed: Seed, iter: 200, threads: 1);
    }

    [Fact]
    public void Normalizing_default_system_text_json_output_equals_the_stringify_encoder()
    {
        // STJ's default escapes all non-ASCII and HTML characters with uppercase hex; normalized, it must equal
        // what the JS-compatible encoder writes directly (strings without lone surrogates, which STJ replaces).
        Gen.String.Where(s => Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(s)) == s).Sample(s =>
        {
            var output = new ArrayBufferWriter<byte>();
            Assert.True(JsonStringify.Normalize(JsonSerializer.SerializeToUtf8Bytes(s), output));
            Assert.Equal(JsonSerializer.Serialize(s, Stringify), Encoding.UTF8.GetString(output.WrittenSpan));
        }, seed: Seed, iter: 1000, threads: 1);
    }

    [Fact]
    public void Js_number_format_round_trips_and_normalizes_dotnet_output()
    {
        Gen.Double.Where(double.IsFinite).Sample(d =>
        {
            var js = FormatJs(d);
            Assert.Equal(d == 0 ? 0 : d, double.Parse(js, CultureInfo.InvariantCulture));
            Assert.DoesNotContain("E", js, StringComparison.Ordinal);
            var output = new ArrayBufferWriter<byte>();
            Assert.True(JsonStringify.Normalize(JsonSerializer.SerializeToUtf8Bytes(d), output));
            Assert.Equal(js, Encoding.UTF8.GetString(output.WrittenSpan));
        }, seed: Seed, iter: 2000, threads: 1);
    }

    [Fact]
    public void Normalizer_is_idempotent_on_random_json()
    {
        Json.Sample(json =>
        {
            var once = new ArrayBufferWriter<byte>();
            Assert.True(JsonStringify.Normalize(Encoding.UTF8.GetBytes(json), once));
            var twice = new ArrayBufferWriter<byte>();
            Assert.True(JsonStringify.Normalize(once.WrittenSpan, twice));
            Assert.Equal(once.WrittenSpan.ToArray(), twice.WrittenSpan.ToArray());
            Assert.Equal(json, Encoding.UTF8.GetString(once.WrittenSpan));
        }, seed: Seed, iter: 500, threads: 1);
    }

    private static Gen<string> JsonValue(int depth)
    {
        if (depth == 0)
        {
            return Leaf;
        }

        var inner = JsonValue(depth - 1);
        return Gen.OneOf(
            Leaf,
            inner.Array[0, 4].Select(items => "[" + string.Join(",", items) + "]"),
            Gen.Select(JsonString, inner).Array[0, 3].Select(members => "{" + string.Join(",", members.Select(m => m.Item1 + ":" + m.Item2)) + "}"));
    }

    private static string FormatJs(double value)
    {
        Span<byte> buffer = stackalloc byte[JsNumberFormatter.MaxLength];
        JsNumberFormatter.TryFormat(value, buffer, out var written);
        return Encoding.UTF8.GetString(buffer[..written]);
    }
}
