using System.Buffers;
using SocketIo.Protocol.EngineIO;

namespace SocketIo.Protocol.Tests.EngineIO;

/// <summary>The hot paths allocate nothing once warm (GC.GetAllocatedBytesForCurrentThread around them).</summary>
public sealed class EngineIOAllocationTests
{
    private static readonly byte[] Payload = "4hello\u001e2\u001ebAQIDBA==\u001e42[\"chat\",\"héllo 😀\"]\u001e3probe"u8.ToArray();
    private static readonly byte[] Binary = [1, 2, 3, 4, 5, 6, 7, 8];
    private static readonly byte[] Hello = "hello"u8.ToArray();
    private static readonly EngineIOOutgoingPacket[] Queue =
    [
        EngineIOOutgoingPacket.Text(EngineIOPacketType.Message, Hello),
        EngineIOOutgoingPacket.Binary(Binary),
        EngineIOOutgoingPacket.Text(EngineIOPacketType.Ping, default),
    ];

    private static long AllocatedBy(Action action)
    {
        for (var i = 0; i < 50; i++)
        {
            action();
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            action();
        }

        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    [Fact]
    public void Reading_a_text_message_and_a_binary_frame_allocates_nothing()
    {
        var sink = 0;
        var scratch = new byte[64];
        var allocated = AllocatedBy(() =>
        {
            EngineIOPacketReader.TryReadText("42[\"chat\",\"hi\"]"u8, out var packet, out _);
            sink += packet.Data.Length + (int)packet.Type;
            EngineIOPacketReader.TryReadText("bAQIDBA=="u8, out packet, out _);
            packet.TryDecodeBinary(scratch, out var written, out _);
            sink += written;
            sink += EngineIOPacketReader.ReadBinary(Binary).Data.Length;
        });
        Assert.Equal(0, allocated);
        Assert.True(sink > 0);
    }

    [Fact]
    public void Iterating_a_payload_allocates_nothing()
    {
        var sink = 0;
        var scratch = new byte[64];
        var allocated = AllocatedBy(() =>
        {
            var reader = new EngineIOPayloadReader(Payload, stackalloc ulong[EngineIOPayloadReader.ScratchLength]);
            while (reader.MoveNext())
            {
                var packet = reader.Current;
                if (packet.IsBinary)
                {
                    packet.TryDecodeBinary(scratch, out var written, out _);
                    sink += written;
                }

                sink += packet.Data.Length;
            }
        });
        Assert.Equal(0, allocated);
        Assert.True(sink > 0);
    }

    [Fact]
    public void Writing_packets_payloads_handshakes_and_errors_allocates_nothing()
    {
        var output = new ArrayBufferWriter<byte>(4096);
        var open = new EngineIOOpenPacket("lv_VI97HAXpY6yYWAAAC", EngineIOUpgrades.WebSocket, 25000, 20000, 1000000);
        var allocated = AllocatedBy(() =>
        {
            output.ResetWrittenCount();
            EngineIOPacketWriter.WriteText(output, EngineIOPacketType.Message, Hello);
            EngineIOPacketWriter.WriteText(output, EngineIOPacketType.Message, "héllo".AsSpan());
            EngineIOPacketWriter.WriteBase64Binary(output, Binary);
            EngineIOPayloadWriter.Write(output, Queue, 1000, out _);
            open.Write(output);
            EngineIOErrors.WriteBody(output, EngineIOErrorCode.UnknownSid);
        });
        Assert.Equal(0, allocated);
        Assert.True(output.WrittenCount > 0);
    }

    [Fact]
    public void Replacing_invalid_utf8_allocates_nothing()
    {
        byte[] input = [(byte)'a', 0xC3, 0xFF, (byte)'b', 0xE2, 0x82];
        var output = new byte[32];
        var allocated = AllocatedBy(() => Utf8Replacement.Replace(input, output.AsSpan(0, Utf8Replacement.GetReplacedLength(input))));
        Assert.Equal(0, allocated);
    }
}
