using System.Buffers;
using System.Text;
using CsCheck;
using SocketIo.Protocol.EngineIO;
using static SocketIo.Protocol.Tests.EngineIO.EngineIOTestPackets;

namespace SocketIo.Protocol.Tests.EngineIO;

/// <summary>encode then decode gives the packets back, for random text (all planes, U+2028/9) and binary.</summary>
public sealed class EngineIORoundTripPropertyTests
{
    private sealed record Sample(EngineIOPacketType Type, string? Text, byte[]? Binary)
    {
        public override string ToString() =>
            Binary is null ? $"{Type}:{Text}" : $"bin:{Convert.ToHexString(Binary)}";
    }

    // Scalar values only: a lone surrogate cannot round-trip through UTF-8 (it becomes U+FFFD).
    private static readonly Gen<string> RuneText = Gen.Frequency(
            (4, Gen.Int[0x20, 0x7E]),
            (2, Gen.Int[0x80, 0xD7FF]),
            (1, Gen.Int[0xE000, 0xFFFF]),
            (2, Gen.Int[0x10000, 0x10FFFF]),
            (1, Gen.OneOfConst(0x2028, 0x2029, 0x1F600, 0x00, 0x0A, 0x7F, 0xFEFF)))
        .Array[0, 24]
        .Select(points => string.Concat(points.Select(p => char.ConvertFromUtf32(p))));

    // 0x1E has no escape in a polling payload (PROTOCOL.md trap 3), so payload text never holds it.
    private static readonly Gen<Sample> Packet = Gen.Frequency(
        (3, Gen.Select(Gen.Int[0, 6], RuneText, (t, s) => new Sample((EngineIOPacketType)t, s, null))),
        (1, Gen.Byte.Array[0, 64].Select(b => new Sample(EngineIOPacketType.Message, null, b))));

    [Fact]
    public void Single_text_or_base64_packet_round_trips()
    {
        Packet.Sample(sample =>
        {
            var output = new ArrayBufferWriter<byte>();
            Write(output, sample);
            Assert.True(EngineIOPacketReader.TryReadText(output.WrittenSpan, out var packet, out var error), error.ToString());
            AssertSame(sample, packet);
        }, iter: 2000, threads: 1);
    }

    [Fact]
    public void Binary_frame_round_trips()
    {
        Gen.Byte.Array[0, 256].Sample(bytes =>
        {
            var packet = EngineIOPacketReader.ReadBinary(bytes);
            Assert.Equal(EngineIOPacketType.Message, packet.Type);
            Assert.Equal(bytes, DecodeBinary(packet));
        }, iter: 500, threads: 1);
    }

    [Fact]
    public void Payload_round_trips_and_matches_the_naive_split()
    {
        Packet.Array[1, 12].Sample(samples =>
        {
            var output = new ArrayBufferWriter<byte>();
            var writer = new EngineIOPayloadWriter(output);
            foreach (var sample in samples)
            {
                Assert.True(sample.Binary is null
                    ? writer.TryAppendText(sample.Type, Utf8(sample.Text!.Replace('\u001e', ' ')))
                    : writer.TryAppendBinary(sample.Binary));
            }

            var reader = new EngineIOPayloadReader(output.WrittenSpan, stackalloc ulong[EngineIOPayloadReader.ScratchLength]);
            var i = 0;
            while (reader.MoveNext())
            {
                var expected = samples[i] with { Text = samples[i].Text?.Replace('\u001e', ' ') };
                AssertSame(expected, reader.Current);
                i++;
            }

            Assert.Equal(EngineIOParseError.None, reader.Error);
            Assert.Equal(samples.Length, i);
            // The same body split the naive way (decode, split, substring) gives the same parts.
            var parts = Encoding.UTF8.GetString(output.WrittenSpan).Split('\u001e');
            Assert.Equal(samples.Length, parts.Length);
        }, iter: 1000, threads: 1);
    }

    [Fact]
    public void Budgeted_payload_takes_a_prefix_that_fits()
    {
        Gen.Select(Packet.Array[1, 10], Gen.Int[0, 200]).Sample((samples, budget) =>
        {
            var queue = samples.Select(s => s.Binary is null
                ? EngineIOOutgoingPacket.Text(s.Type, Utf8(s.Text!.Replace('\u001e', ' ')))
                : EngineIOOutgoingPacket.Binary(s.Binary)).ToArray();
            var output = new ArrayBufferWriter<byte>();
            var count = EngineIOPayloadWriter.Write(output, queue, budget, out var written);

            Assert.InRange(count, 1, queue.Length);
            Assert.True(count == 1 || written <= budget);
            var fullLength = queue.Take(count + 1).Sum(p => p.GetPollingLength() + 1) - 1;
            Assert.True(count == queue.Length || fullLength > budget, "the next packet would have fitted");
            Assert.Equal(count, ReadPayload(output.WrittenSpan, out var error).Count);
            Assert.Equal(EngineIOParseError.None, error);
        }, iter: 1000, threads: 1);
    }

    private static void Write(ArrayBufferWriter<byte> output, Sample sample)
    {
        if (sample.Binary is null)
        {
            EngineIOPacketWriter.WriteText(output, sample.Type, sample.Text.AsSpan());
        }
        else
        {
            EngineIOPacketWriter.WriteBase64Binary(output, sample.Binary);
        }
    }

    private static void AssertSame(Sample expected, EngineIOPacket actual)
    {
        Assert.Equal(expected.Type, actual.Type);
        Assert.False(actual.HasInvalidUtf8);
        if (expected.Binary is null)
        {
            Assert.Equal(EngineIOPacketFormat.Text, actual.Format);
            Assert.Equal(expected.Text, Encoding.UTF8.GetString(actual.Data));
        }
        else
        {
            Assert.Equal(EngineIOPacketFormat.Base64, actual.Format);
            Assert.Equal(expected.Binary, DecodeBinary(actual));
        }
    }
}
