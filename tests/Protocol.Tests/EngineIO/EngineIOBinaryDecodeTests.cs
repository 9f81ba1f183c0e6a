using System.Buffers;
using System.Buffers.Text;
using System.Text;
using CsCheck;
using SocketIo.Protocol.EngineIO;

namespace SocketIo.Protocol.Tests.EngineIO;

/// <summary>
/// <see cref="EngineIOPacket.TryDecodeBinary"/> (its inline path and its out-of-line one) gives exactly what the BCL
/// alone gives (result, bytes, error) on canonical and damaged base64 of every length.
/// </summary>
public sealed class EngineIOBinaryDecodeTests
{
    private static readonly byte[] Noise = Encoding.ASCII.GetBytes("=A/+z09 \n\t-_.\0")
        .Concat(new byte[] { 0x80, 0xC3, 0xFF, 0x7F, 0x1E }).ToArray();

    [Fact]
    public void Canonical_base64_of_every_length_decodes_to_its_bytes()
    {
        for (var length = 0; length <= 200; length++)
        {
            var bytes = Enumerable.Range(length * 7, length).Select(i => (byte)(i * 31)).ToArray();
            var base64 = Encoding.ASCII.GetBytes(Convert.ToBase64String(bytes));
            var roomy = Base64.GetMaxDecodedFromUtf8Length(base64.Length) + 3;
            Assert.True(Decode(base64, length, out var output, out var error), error.ToString());
            Assert.Equal(bytes, output);
            Assert.True(Decode(base64, roomy, out output, out error), error.ToString());
            Assert.Equal(bytes, output);
        }
    }

    [Fact]
    public void Every_character_of_a_long_packet_is_checked()
    {
        // One bad character at each position, of each kind, rejected as the BCL does (whitespace is skipped by the
        // BCL, so those still decode).
        var base64 = Encoding.ASCII.GetBytes(Convert.ToBase64String(Enumerable.Range(0, 100).Select(i => (byte)i).ToArray()));
        foreach (var bad in Noise)
        {
            for (var at = 0; at < base64.Length; at++)
            {
                var damaged = (byte[])base64.Clone();
                damaged[at] = bad;
                AssertSameAsBcl(damaged, 128);
            }
        }
    }

    [Fact]
    public void Padding_bits_and_padding_shapes_match_the_bcl()
    {
        var body = new string('Q', 84);
        foreach (var last in new[] { "QQ==", "QR==", "QUI=", "QUJ=", "QUJD", "Q===", "====", "QQ=A", "Q=Q=", "QQ=" })
        {
            AssertSameAsBcl(Encoding.ASCII.GetBytes(body + last), 128);
        }
    }

    [Fact]
    public void A_short_destination_is_reported_like_the_bcl()
    {
        var base64 = Encoding.ASCII.GetBytes(Convert.ToBase64String(new byte[64]));
        for (var size = 0; size <= 66; size++)
        {
            AssertSameAsBcl(base64, size);
        }
    }

    [Fact]
    public void Random_damaged_base64_matches_the_bcl()
    {
        var damage = Gen.Select(Gen.Int[0, 1000], Gen.OneOfConst(Noise), Gen.Int[0, 3]);
        Gen.Select(Gen.Byte.Array[0, 200], damage.Array[0, 3], Gen.Int[0, 300]).Sample((bytes, edits, size) =>
        {
            var base64 = new List<byte>(Encoding.ASCII.GetBytes(Convert.ToBase64String(bytes)));
            foreach (var (position, value, kind) in edits)
            {
                var at = base64.Count == 0 ? 0 : position % base64.Count;
                switch (kind)
                {
                    case 0 when base64.Count > 0:
                        base64[at] = value;
                        break;
                    case 1:
                        base64.Insert(at, value);
                        break;
                    case 2 when base64.Count > 0:
                        base64.RemoveAt(at);
                        break;
                    default:
                        // Flip a low bit of a letter: often a valid character with other padding bits.
                        if (base64.Count > 0 && char.IsAsciiLetter((char)base64[at]))
                        {
                            base64[at] ^= 1;
                        }

                        break;
                }
            }

            AssertSameAsBcl([.. base64], size);
        }, iter: 5000, threads: 1);
    }

    private static void AssertSameAsBcl(byte[] base64, int destinationSize)
    {
        var expectedOk = Reference(base64, destinationSize, out var expected, out var expectedError);
        var ok = Decode(base64, destinationSize, out var actual, out var error);
        Assert.Equal(expectedOk, ok);
        Assert.Equal(expectedError, error);
        Assert.Equal(expected, actual);
    }

    private static bool Decode(byte[] base64, int destinationSize, out byte[] output, out EngineIOParseError error)
    {
        var packet = new EngineIOPacket(EngineIOPacketType.Message, EngineIOPacketFormat.Base64, base64, hasInvalidUtf8: false);
        var destination = new byte[destinationSize];
        var ok = packet.TryDecodeBinary(destination, out var written, out error);
        output = destination[..written];
        return ok;
    }

    // The BCL's verdict alone.
    private static bool Reference(byte[] base64, int destinationSize, out byte[] output, out EngineIOParseError error)
    {
        var destination = new byte[destinationSize];
        var status = Base64.DecodeFromUtf8(base64, destination, out var consumed, out var written);
        (var ok, error) = status switch
        {
            OperationStatus.Done when consumed == base64.Length => (true, EngineIOParseError.None),
            OperationStatus.DestinationTooSmall => (false, EngineIOParseError.DestinationTooSmall),
            _ => (false, EngineIOParseError.InvalidBase64),
        };
        output = ok ? destination[..written] : [];
        return ok;
    }
}
