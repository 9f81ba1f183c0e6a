using System.Text;
using SocketIo.Protocol.EngineIO;

namespace SocketIo.Protocol.Tests.EngineIO;

public sealed class Utf8ReplacementTests
{
    public static TheoryData<byte[]> Inputs() => new()
    {
        Array.Empty<byte>(),
        "plain ascii"u8.ToArray(),
        "é😀\u2028"u8.ToArray(),
        new byte[] { 0xFF },
        new byte[] { 0xC3 },
        new byte[] { (byte)'a', 0xC3, (byte)'b' },
        new byte[] { 0xE2, 0x82 },
        new byte[] { 0xE2, 0x82, (byte)'x', 0xAC },
        new byte[] { 0xED, 0xA0, 0x80 },
        new byte[] { 0xF0, 0x9F, 0x98 },
        new byte[] { 0xF4, 0x90, 0x80, 0x80 },
        new byte[] { 0xC0, 0xAF, 0x1E, 0xF5 },
        new byte[] { 0x80, 0xBF, 0xFE },
    };

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Matches_the_whatwg_style_decoder_with_replacement(byte[] input)
    {
        // .NET's UTF-8 decoder replaces maximal invalid subparts exactly as the WHATWG decoder does.
        var expected = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(input));
        var length = Utf8Replacement.GetReplacedLength(input);
        var output = new byte[length];
        Assert.Equal(length, Utf8Replacement.Replace(input, output));
        Assert.Equal(expected, output);
    }
}
