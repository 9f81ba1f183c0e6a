using SocketIo.Protocol.Json;

namespace SocketIo.Protocol.Tests.Json;

/// <summary>The vectorized searches against a byte loop, at every length and offset around the vector widths.</summary>
public sealed class JsonStringSearchTests
{
    private static readonly byte[] SpecialBytes = [(byte)'"', (byte)'\\', 0x00, 0x1F, 0x80, 0xC3, 0xFF];

    [Fact]
    public void IndexOfSpecial_finds_the_first_special_byte_at_every_length_offset_and_position()
    {
        for (var length = 0; length <= 100; length++)
        {
            for (var from = 0; from <= length; from++)
            {
                var plain = Text(length);
                Assert.Equal(length, JsonStringSearch.IndexOfSpecial(plain, from));
                foreach (var special in SpecialBytes)
                {
                    for (var at = 0; at < length; at++)
                    {
                        var text = Text(length);
                        text[at] = special;
                        Assert.Equal(at >= from ? at : length, JsonStringSearch.IndexOfSpecial(text, from));
                    }
                }
            }
        }
    }

    [Fact]
    public void IndexOfSpecial_returns_the_first_of_several()
    {
        for (var length = 3; length <= 140; length++)
        {
            var text = Text(length);
            text[length - 1] = (byte)'"';
            text[length / 2] = 0x80;
            Assert.Equal(length / 2, JsonStringSearch.IndexOfSpecial(text, 0));
            Assert.Equal(length - 1, JsonStringSearch.IndexOfSpecial(text, (length / 2) + 1));
        }
    }

    [Fact]
    public void IndexOfQuoteBackslashOrControl_skips_non_ascii()
    {
        for (var length = 1; length <= 100; length++)
        {
            for (var at = 0; at < length; at++)
            {
                var text = Text(length);
                Array.Fill(text, (byte)0xC3, 0, at);
                text[at] = (byte)'\\';
                Assert.Equal(at, JsonStringSearch.IndexOfQuoteBackslashOrControl(text, 0));
            }
        }
    }

    [Fact]
    public void SpecialWindow_marks_the_special_bytes_ahead_at_every_length_and_offset()
    {
        var random = new Random(64);
        for (var length = 0; length <= 140; length++)
        {
            var text = Text(length);
            for (var i = 0; i < length; i++)
            {
                if (random.Next(5) == 0)
                {
                    text[i] = SpecialBytes[random.Next(SpecialBytes.Length)];
                }
            }

            for (var from = 0; from < length; from++)
            {
                var window = JsonStringSearch.SpecialWindow(text, from);
                var width = length >= 64 ? 64 : length >= 32 ? 32 : length >= 16 ? 16 : 0;
                for (var bit = 0; bit < 64; bit++)
                {
                    var expected = bit < width && from + bit < length && IsSpecial(text[from + bit]);
                    Assert.True(expected == ((window >> bit & 1) != 0), $"length {length} from {from} bit {bit}");
                }
            }
        }
    }

    private static bool IsSpecial(byte c) => c is (byte)'"' or (byte)'\\' or < 0x20 or >= 0x80;

    // Plain ASCII that is never special, varied so that no lane pattern repeats.
    private static byte[] Text(int length)
    {
        var text = new byte[length];
        for (var i = 0; i < length; i++)
        {
            text[i] = (byte)('a' + (i % 26));
        }

        return text;
    }
}
