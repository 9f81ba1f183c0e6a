using CsCheck;
using SocketIo.Protocol.EngineIO;
using static SocketIo.Protocol.Tests.EngineIO.EngineIOTestPackets;

namespace SocketIo.Protocol.Tests.EngineIO;

public sealed class EngineIOPayloadReaderTests
{
    [Fact]
    public void Protocol_example_payload_gives_message_ping_and_binary()
    {
        var packets = ReadPayload("4hello\u001e2\u001ebAQIDBA=="u8, out var error);

        Assert.Equal(EngineIOParseError.None, error);
        Assert.Equal(3, packets.Count);
        Assert.Equal(new DecodedPacket(EngineIOPacketType.Message, EngineIOPacketFormat.Text, Utf8("hello"), false), packets[0]);
        Assert.Equal(new DecodedPacket(EngineIOPacketType.Ping, EngineIOPacketFormat.Text, [], false), packets[1]);
        Assert.Equal(EngineIOPacketFormat.Base64, packets[2].Format);
        Assert.Equal(new byte[] { 1, 2, 3, 4 }, DecodeBinary(packets[2]));
    }

    [Theory]
    [InlineData("1", 1)]
    [InlineData("6\u001e1", 2)]
    [InlineData("0{\"sid\":\"lv_VI97HAXpY6yYWAAAC\",\"upgrades\":[\"websocket\"],\"pingInterval\":25000,\"pingTimeout\":20000,\"maxPayload\":1000000}", 1)]
    [InlineData("42[\"chat\",\"hi\"]\u001e42[\"chat\",\"ho\"]", 2)]
    [InlineData("b\u001eb", 2)]
    [InlineData("4\u001e4\u001e4", 3)]
    public void Protocol_examples_parse(string payload, int count)
    {
        var packets = ReadPayload(Utf8(payload), out var error);
        Assert.Equal(EngineIOParseError.None, error);
        Assert.Equal(count, packets.Count);
    }

    [Fact]
    public void Close_then_noop_payload_keeps_order()
    {
        var packets = ReadPayload("6\u001e1"u8, out _);
        Assert.Equal([EngineIOPacketType.Noop, EngineIOPacketType.Close], packets.Select(p => p.Type));
    }

    [Fact]
    public void Packets_before_an_invalid_part_are_still_produced()
    {
        var reader = new EngineIOPayloadReader("4a\u001e4b\u001e7\u001e4c"u8, stackalloc ulong[EngineIOPayloadReader.ScratchLength]);
        Assert.True(reader.MoveNext());
        Assert.True(reader.MoveNext());
        Assert.Equal("b"u8.ToArray(), reader.Current.Data.ToArray());
        Assert.False(reader.MoveNext());
        Assert.Equal(EngineIOParseError.UnknownPacketType, reader.Error);
        Assert.Equal(2, reader.Count);
        Assert.False(reader.MoveNext());
        Assert.Equal(EngineIOParseError.UnknownPacketType, reader.Error);
    }

    [Fact]
    public void Valid_utf8_payload_flags_nothing()
    {
        var packets = ReadPayload(Utf8("4é😀\u2028\u001e4\u2029"), out var error);
        Assert.Equal(EngineIOParseError.None, error);
        Assert.All(packets, p => Assert.False(p.HasInvalidUtf8));
    }

    [Fact]
    public void Invalid_utf8_is_flagged_on_the_packet_that_holds_it_only()
    {
        // The second packet holds a truncated two-byte sequence; the reference would read "4x\uFFFD".
        var payload = Concat("4ok\u001e4x", (byte)0xC3, "\u001e4é\u001eb", (byte)0xFF);
        var packets = ReadPayload(payload, out var error);

        Assert.Equal(EngineIOParseError.None, error);
        Assert.Equal([false, true, false, false], packets.Select(p => p.HasInvalidUtf8));
        var replaced = new byte[Utf8Replacement.GetReplacedLength(packets[1].Data)];
        Utf8Replacement.Replace(packets[1].Data, replaced);
        Assert.Equal("x\uFFFD", System.Text.Encoding.UTF8.GetString(replaced));
    }

    [Fact]
    public void Invalid_base64_surfaces_when_decoded_in_order()
    {
        var reader = new EngineIOPayloadReader("4hello\u001eb!!!!\u001e4after"u8, stackalloc ulong[EngineIOPayloadReader.ScratchLength]);
        Assert.True(reader.MoveNext());
        Assert.True(reader.MoveNext());
        var packet = reader.Current;
        Assert.False(packet.TryDecodeBinary(new byte[packet.GetMaxDecodedLength()], out _, out var error));
        Assert.Equal(EngineIOParseError.InvalidBase64, error);
    }

    [Fact]
    public void Separators_and_non_ascii_on_block_boundaries_are_found()
    {
        // The reader scans 64-byte blocks; put separators and multi-byte characters across the seams.
        var payload = Concat("4", new string('a', 60), "\u001e", "4", new string('b', 61), "é\u001e4",
            new string('c', 58), (byte)0xC3, "\u001e2\u001e4", new string('d', 200), "€");
        var packets = ReadPayload(payload, out var error);

        Assert.Equal(EngineIOParseError.None, error);
        Assert.Equal([60, 63, 59, 0, 203], packets.Select(p => p.Data.Length));
        Assert.Equal([false, false, true, false, false], packets.Select(p => p.HasInvalidUtf8));
    }

    [Fact]
    public void Reader_matches_a_naive_split_on_random_bodies()
    {
        var bytes = Gen.OneOfConst<byte>(0x1E, 0x1E, (byte)'0', (byte)'4', (byte)'6', (byte)'7', (byte)'b', (byte)'a',
            (byte)'A', (byte)'=', 0xC3, 0xA9, 0xE2, 0x82, 0xAC, 0xFF, 0x80, 0x00);
        bytes.Array[0, 300].Sample(body =>
        {
            var expected = NaiveRead(body, out var expectedError);
            var actual = ReadPayload(body, out var actualError);
            Assert.Equal(expectedError, actualError);
            Assert.Equal(expected, actual);
        }, iter: 3000, threads: 1);
    }

    [Fact]
    public void Hundreds_of_one_byte_packets_are_all_read_in_order()
    {
        // Far more parts than one scan buffers (a block full of separators), so the reader refills many times.
        var body = string.Join('\u001e', Enumerable.Range(0, 700).Select(i => ((char)('0' + (i % 7))).ToString()));
        var packets = ReadPayload(Utf8(body), out var error);

        Assert.Equal(EngineIOParseError.None, error);
        Assert.Equal(Enumerable.Range(0, 700).Select(i => (EngineIOPacketType)(i % 7)), packets.Select(p => p.Type));
        Assert.All(packets, p => Assert.Empty(p.Data));
    }

    [Fact]
    public void Count_and_error_are_right_after_many_refills()
    {
        var body = Concat(string.Concat(Enumerable.Repeat("2\u001e", 300)), "9\u001e4late");
        var reader = new EngineIOPayloadReader(body, stackalloc ulong[EngineIOPayloadReader.ScratchLength]);
        var read = 0;
        while (reader.MoveNext())
        {
            read++;
            Assert.Equal(read, reader.Count);
        }

        Assert.Equal(300, read);
        Assert.Equal(300, reader.Count);
        Assert.Equal(EngineIOParseError.UnknownPacketType, reader.Error);
        Assert.False(reader.MoveNext());
        Assert.Equal(300, reader.Count);
    }

    [Fact]
    public void Invalid_utf8_is_flagged_across_scan_refills()
    {
        // 60 one-byte parts, then a part with an invalid byte in the second block that ends in the fourth,
        // followed by 10 more parts there: the fourth block's 11 separators no longer fit in the first scan, so
        // the part's end is found by the next scan, which must still know about the invalid byte.
        var payload = Concat(string.Concat(Enumerable.Repeat("3\u001e", 60)), "4", (byte)0xFF, new string('x', 78),
            string.Concat(Enumerable.Repeat("\u001e3", 10)), "\u001e4é");
        var packets = ReadPayload(payload, out var error);

        Assert.Equal(EngineIOParseError.None, error);
        Assert.Equal(72, packets.Count);
        Assert.Equal(79, packets[60].Data.Length); // bytes 121 to 199; its separator is byte 200
        Assert.Equal([.. Enumerable.Repeat(false, 60), true, .. Enumerable.Repeat(false, 11)], packets.Select(p => p.HasInvalidUtf8));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(15)]
    [InlineData(16)]
    [InlineData(17)]
    [InlineData(63)]
    [InlineData(64)]
    [InlineData(65)]
    [InlineData(127)]
    [InlineData(128)]
    [InlineData(129)]
    public void Every_body_length_around_vector_widths_splits_like_the_naive_reader(int length)
    {
        // Separators and non-ASCII bytes at every offset of the last block and of short bodies.
        for (var separatorAt = 1; separatorAt < length; separatorAt++)
        {
            var body = new byte[length];
            body.AsSpan().Fill((byte)'4');
            body[separatorAt] = 0x1E;
            body[^1] = 0xC3;
            var expected = NaiveRead(body, out var expectedError);
            Assert.Equal(expected, ReadPayload(body, out var actualError));
            Assert.Equal(expectedError, actualError);
        }
    }

    [Fact]
    public void Reader_matches_a_naive_split_on_long_random_bodies()
    {
        // Bodies up to a few KiB with a per-body part length, from runs of one-byte parts to parts longer than a
        // block: covers buffer refills, dense blocks and non-ASCII bytes whose part ends in a later scan.
        AssertMatchesNaiveSplit(
            [(byte)'a', (byte)'4', (byte)'=', (byte)'"', (byte)'b', 0xC3, 0xA9, 0xE2, 0x82, 0xAC, 0xFF, 0x80, 0x00],
            [(byte)'0', (byte)'2', (byte)'3', (byte)'4', (byte)'6', (byte)'b'],
            maxPartLength: 150,
            bodyLength: 4000,
            iterations: 400);
    }

    [Fact]
    public void Two_separators_at_every_pair_of_offsets_across_block_boundaries_split_like_the_naive_reader()
    {
        // Separators at i and i + gap over three blocks: adjacent ones (empty part), in one block, in neighbours,
        // and on either side of every block seam.
        foreach (var gap in new[] { 1, 2, 5, 63, 64, 65, 100 })
        {
            for (var at = 0; at + gap < 192; at++)
            {
                var body = new byte[192];
                body.AsSpan().Fill((byte)'4');
                body[at] = 0x1E;
                body[at + gap] = 0x1E;
                var expected = NaiveRead(body, out var expectedError);
                Assert.Equal(expected, ReadPayload(body, out var actualError));
                Assert.Equal(expectedError, actualError);
            }
        }
    }

    [Theory]
    [InlineData(4095)]
    [InlineData(4096)]
    [InlineData(4097)]
    [InlineData(8191)]
    [InlineData(8192)]
    [InlineData(8193)]
    [InlineData(12345)]
    public void Bodies_around_batch_sizes_end_and_fail_where_the_naive_reader_does(int length)
    {
        // One part per 100 bytes, then variants with a trailing separator (empty last part), a separator as the
        // very first byte, and a bad type byte in the last batch.
        var body = new byte[length];
        for (var i = 0; i < length; i++)
        {
            body[i] = i % 100 == 0 ? (byte)'4' : i % 100 == 99 ? (byte)0x1E : (byte)'x';
        }

        body[^1] = (byte)'x';
        Span<ulong> scratch = stackalloc ulong[EngineIOPayloadReader.ScratchLength];
        foreach (var variant in new Func<byte[], byte[]>[]
        {
            b => b,
            b => [.. b[..^1], 0x1E],
            b => [0x1E, .. b[1..]],
            b => [.. b[..^100], (byte)'9', .. b[^99..]],
        })
        {
            var input = variant((byte[])body.Clone());
            var expected = NaiveRead(input, out var expectedError);
            var reader = new EngineIOPayloadReader(input, scratch);
            var actual = new List<DecodedPacket>();
            while (reader.MoveNext())
            {
                actual.Add(DecodedPacket.From(reader.Current));
            }

            Assert.Equal(expected, actual);
            Assert.Equal(expectedError, reader.Error);
            Assert.Equal(expected.Count, reader.Count);
            Assert.False(reader.MoveNext());
        }
    }

    [Theory]
    [InlineData(new byte[] { 0xFF }, true)]
    [InlineData(new byte[] { 0xC3, 0xA9 }, false)]
    [InlineData(new byte[] { 0xE2, 0x82 }, true)]
    public void A_part_running_over_batches_without_separators_keeps_its_utf8_verdict(byte[] early, bool invalid)
    {
        // A part starts in the first 4 KiB batch with a non-ASCII sequence near its end, runs through a whole
        // batch with no separator (skipped by the scan) and ends in the third; the batches around it hold short
        // ASCII parts. Also splits a valid sequence across the first batch seam.
        var part = Concat("4", new string('a', 4000), early, new string('b', 4500));
        var payload = Concat(string.Concat(Enumerable.Repeat("2\u001e", 40)), part,
            string.Concat(Enumerable.Repeat("\u001e3", 30)));
        var packets = ReadPayload(payload, out var error);

        Assert.Equal(EngineIOParseError.None, error);
        Assert.Equal(71, packets.Count);
        Assert.Equal(part.Length - 1, packets[40].Data.Length);
        Assert.Equal([.. Enumerable.Repeat(false, 40), invalid, .. Enumerable.Repeat(false, 30)], packets.Select(p => p.HasInvalidUtf8));

        var seam = Concat("4", new string('c', 4094), "é\u001e4", (byte)0xE2, (byte)0x82, "\u001e4ok");
        Assert.Equal(EngineIOPayloadScanner.BatchSize, seam.AsSpan().IndexOf((byte)0xA9)); // é is bytes 4095 and 4096
        Assert.Equal([false, true, false], ReadPayload(seam, out _).Select(p => p.HasInvalidUtf8));
    }

    [Fact]
    public void Reader_matches_a_naive_split_on_bodies_of_several_batches()
    {
        // Up to ~16 KiB with parts from one byte to longer than a batch, so some batches hold no separator.
        AssertMatchesNaiveSplit(
            [(byte)'a', (byte)'4', (byte)'=', 0xC3, 0xA9, 0xE2, 0x82, 0xAC, 0xFF],
            [(byte)'0', (byte)'4', (byte)'b'],
            maxPartLength: 6000,
            bodyLength: 16000,
            iterations: 150);
    }

    [Fact]
    public void A_scratch_shorter_than_ScratchLength_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() =>
        {
            _ = new EngineIOPayloadReader("4a"u8, new ulong[EngineIOPayloadReader.ScratchLength - 1]);
        });
    }

    private static List<DecodedPacket> NaiveRead(byte[] body, out EngineIOParseError error)
    {
        var packets = new List<DecodedPacket>();
        error = EngineIOParseError.None;
        if (body.Length == 0)
        {
            error = EngineIOParseError.EmptyPayload;
            return packets;
        }

        var start = 0;
        for (var i = 0; i <= body.Length; i++)
        {
            if (i < body.Length && body[i] != 0x1E)
            {
                continue;
            }

            var part = body[start..i];
            start = i + 1;
            if (part.Length == 0)
            {
                error = EngineIOParseError.EmptyPacket;
                return packets;
            }

            var format = part[0] == 'b' ? EngineIOPacketFormat.Base64 : EngineIOPacketFormat.Text;
            if (format == EngineIOPacketFormat.Text && part[0] is < (byte)'0' or > (byte)'6')
            {
                error = EngineIOParseError.UnknownPacketType;
                return packets;
            }

            var type = format == EngineIOPacketFormat.Base64 ? EngineIOPacketType.Message : (EngineIOPacketType)(part[0] - '0');
            var data = part[1..];
            packets.Add(new DecodedPacket(type, format, data, format == EngineIOPacketFormat.Text && !System.Text.Unicode.Utf8.IsValid(data)));
        }

        return packets;
    }

    // Random bodies of parts (a type byte from types, then content bytes), each body with its own part length
    // limit up to maxPartLength and about bodyLength bytes in all, read by the reader and by a naive split.
    private static void AssertMatchesNaiveSplit(byte[] content, byte[] types, int maxPartLength, int bodyLength, int iterations)
    {
        var bodies = Gen.Int[0, maxPartLength].SelectMany(maxLength => Gen.Select(
                Gen.OneOfConst(types),
                Gen.OneOfConst(content).Array[0, maxLength],
                (type, data) => (byte[])[type, .. data])
            .Array[1, Math.Max(2, bodyLength / (maxLength + 2))])
            .Select(parts => parts.Aggregate((body, next) => [.. body, EngineIOPayloadReader.Separator, .. next]));
        bodies.Sample(body =>
        {
            var expected = NaiveRead(body, out var expectedError);
            var actual = ReadPayload(body, out var actualError);
            Assert.Equal(expectedError, actualError);
            Assert.Equal(expected, actual);
        }, iter: iterations, threads: 1);
    }
}
