using System.Text;
using SocketIo.Protocol.EngineIO;

namespace SocketIo.Protocol.Tests.EngineIO;

/// <summary>A decoded packet copied out of its span, so tests can collect and compare packets.</summary>
internal sealed record DecodedPacket(EngineIOPacketType Type, EngineIOPacketFormat Format, byte[] Data, bool HasInvalidUtf8)
{
    public string Text => Encoding.UTF8.GetString(Data);

    public static DecodedPacket From(EngineIOPacket packet) =>
        new(packet.Type, packet.Format, packet.Data.ToArray(), packet.HasInvalidUtf8);

    public bool Equals(DecodedPacket? other) =>
        other is not null && Type == other.Type && Format == other.Format && Data.AsSpan().SequenceEqual(other.Data)
        && HasInvalidUtf8 == other.HasInvalidUtf8;

    public override int GetHashCode() => HashCode.Combine(Type, Format, Data.Length);

    public override string ToString() => $"{Type}/{Format}/{Convert.ToHexString(Data)}";
}

/// <summary>Helpers shared by the Engine.IO tests.</summary>
internal static class EngineIOTestPackets
{
    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>Concatenates UTF-8 strings and raw byte arrays into one input.</summary>
    public static byte[] Concat(params object[] parts)
    {
        var bytes = new List<byte>();
        foreach (var part in parts)
        {
            bytes.AddRange(part switch
            {
                string s => Encoding.UTF8.GetBytes(s),
                byte[] b => b,
                byte b => [b],
                _ => throw new ArgumentException("string, byte or byte[] only", nameof(parts)),
            });
        }

        return [.. bytes];
    }

    public static List<DecodedPacket> ReadPayload(ReadOnlySpan<byte> payload, out EngineIOParseError error)
    {
        var packets = new List<DecodedPacket>();
        var reader = new EngineIOPayloadReader(payload, stackalloc ulong[EngineIOPayloadReader.ScratchLength]);
        while (reader.MoveNext())
        {
            packets.Add(DecodedPacket.From(reader.Current));
        }

        error = reader.Error;
        return packets;
    }

    /// <summary>The binary content of a packet, decoding base64; throws when it cannot.</summary>
    public static byte[] DecodeBinary(EngineIOPacket packet)
    {
        var buffer = new byte[packet.GetMaxDecodedLength()];
        Assert.True(packet.TryDecodeBinary(buffer, out var written, out var error), $"decode failed: {error}");
        return buffer[..written];
    }

    public static byte[] DecodeBinary(DecodedPacket packet)
    {
        var copy = packet.Data;
        return packet.Format switch
        {
            EngineIOPacketFormat.Base64 => Convert.FromBase64String(Encoding.ASCII.GetString(copy)),
            _ => copy,
        };
    }
}
