using CsCheck;
using SocketIo.Protocol.Tests.Text;
using SocketIo.Protocol.WebSockets;

namespace SocketIo.Protocol.Tests.WebSockets;

public sealed class WebSocketMaskTests
{
    private static byte[] Reference(ReadOnlySpan<byte> data, ReadOnlySpan<byte> key, long offset)
    {
        var result = new byte[data.Length];
        for (var i = 0; i < data.Length; i++)
        {
            result[i] = (byte)(data[i] ^ key[(int)((offset + i) % 4)]);
        }

        return result;
    }

    [Fact]
    public void Matches_the_scalar_reference_for_random_data_keys_offsets_and_lengths()
    {
        var gen = Gen.Select(Gen.Byte.Array[0, 300], Gen.Byte.Array[4], Gen.Long[0, 1L << 40], Gen.Int[0, 40]);
        DeterministicSample.Run(gen, 5_000, t =>
        {
            var (data, key, offset, sliceStart) = t;
            sliceStart = Math.Min(sliceStart, data.Length); // unaligned starts exercise unaligned vector loads
            var slice = data.AsSpan(sliceStart);
            var expected = Reference(slice, key, offset);

            var copied = new byte[slice.Length + 3];
            WebSocketMask.Apply(slice, copied.AsSpan(3), WebSocketMask.ReadKey(key), offset);
            Assert.Equal(expected, copied[3..]);

            var inPlace = slice.ToArray();
            WebSocketMask.Apply(inPlace, WebSocketMask.ReadKey(key), offset);
            Assert.Equal(expected, inPlace);
        }, print: t => $"len {t.Item1.Length} key {Convert.ToHexString(t.Item2)} offset {t.Item3} start {t.Item4}");
    }

    [Fact]
    public void Unmasking_in_pieces_with_running_offsets_equals_unmasking_at_once()
    {
        var gen = Gen.Select(Gen.Byte.Array[0, 500], Gen.Byte.Array[4], Gen.Int[1, 70].Array[1, 12]);
        DeterministicSample.Run(gen, 2_000, t =>
        {
            var (data, key, pieces) = t;
            var mask = WebSocketMask.ReadKey(key);
            var whole = data.ToArray();
            WebSocketMask.Apply(whole, mask, 0);
            var piecewise = data.ToArray();
            var offset = 0;
            foreach (var piece in pieces.Append(int.MaxValue))
            {
                var length = Math.Min(piece, data.Length - offset);
                WebSocketMask.Apply(piecewise.AsSpan(offset, length), mask, offset);
                offset += length;
            }

            Assert.Equal(whole, piecewise);
        });
    }

    [Fact]
    public void Masking_twice_restores_the_data_and_the_key_round_trips()
    {
        byte[] key = [0x37, 0xFA, 0x21, 0x3D];
        var mask = WebSocketMask.ReadKey(key);
        var written = new byte[4];
        WebSocketMask.WriteKey(written, mask);
        Assert.Equal(key, written);
        var data = "Hello"u8.ToArray();
        WebSocketMask.Apply(data, mask, 0);
        Assert.Equal(new byte[] { 0x7f, 0x9f, 0x4d, 0x51, 0x58 }, data); // RFC 6455 §5.7
        WebSocketMask.Apply(data, mask, 0);
        Assert.Equal("Hello"u8.ToArray(), data);
    }

    [Fact]
    public void Short_destination_is_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => WebSocketMask.Apply(new byte[5], new byte[4], 1, 0));
    }
}
