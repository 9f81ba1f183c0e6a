using System.Buffers;
using SocketIo.Protocol.WebSockets;

namespace SocketIo.Fuzz;

/// <summary>
/// <c>ws-frames</c>: client bytes into <see cref="WebSocketFrameReader"/>. Invariants: it never throws; what it
/// reports (messages, controls, the close code it fails with) does not depend on how the bytes are split;
/// every message it delivers, framed again, reads back the same.
/// </summary>
public sealed class WebSocketFramesTarget : IFuzzTarget
{
    private const long MaxMessageSize = 300;

    /// <inheritdoc />
    public string Name => "ws-frames";

    /// <inheritdoc />
    public IEnumerable<byte[]> Seeds
    {
        get
        {
            yield return Frames((WebSocketOpcode.Text, true, "hello"u8.ToArray()));
            yield return Frames((WebSocketOpcode.Binary, true, new byte[200]));
            yield return Frames((WebSocketOpcode.Binary, true, new byte[301]));
            yield return Frames(
                (WebSocketOpcode.Text, false, "he"u8.ToArray()),
                (WebSocketOpcode.Ping, true, "p"u8.ToArray()),
                (WebSocketOpcode.Continuation, false, [0xE2, 0x82]),
                (WebSocketOpcode.Pong, true, []),
                (WebSocketOpcode.Continuation, true, [0xAC, (byte)'!']));
            yield return Frames((WebSocketOpcode.Close, true, [0x03, 0xE8, (byte)'b', (byte)'y', (byte)'e']));
            yield return Frames((WebSocketOpcode.Close, true, []));
            yield return Frames((WebSocketOpcode.Text, true, [0xED, 0xA0, 0x80]));
            yield return Frames((WebSocketOpcode.Text, true, [0xF0, 0x9F, 0x98, 0x80, 0xC3, 0xA9]));
            yield return Frames((WebSocketOpcode.Continuation, true, [1]));
            yield return Frames((WebSocketOpcode.Ping, false, [1]));
            yield return Frames((WebSocketOpcode.Close, true, [0x03]));
            yield return [0x81, 0x05, (byte)'h', (byte)'e', (byte)'l', (byte)'l', (byte)'o'];
            yield return [0x82, 0xFE, 0x00, 0x05, 1, 2, 3, 4, 5, 6, 7, 8, 9];
            yield return [0x82, 0xFF, 0x80, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4];
            yield return [0xC1, 0x80, 1, 2, 3, 4];
        }
    }

    /// <inheritdoc />
    public void Run(ReadOnlySpan<byte> data)
    {
        try
        {
            Check(data);
        }
        catch (Exception ex) when (ex is not FuzzInvariantException)
        {
            throw new FuzzInvariantException($"frame reader threw {ex.GetType().Name}", ex);
        }
    }

    private static void Check(ReadOnlySpan<byte> data)
    {
        var whole = WebSocketFrameTranscript.Read(data, MaxMessageSize);
        var random = new Random(Seed(data));
        var length = data.Length;
        var points = Enumerable.Range(0, 1 + random.Next(8)).Select(_ => random.Next(length + 1)).ToArray();
        SameEvents(whole, WebSocketFrameTranscript.Read(data, points, MaxMessageSize), "random split points");
        if (data.Length <= 64)
        {
            SameEvents(whole, WebSocketFrameTranscript.Read(data, Enumerable.Range(1, data.Length), MaxMessageSize), "one byte at a time");
        }

        foreach (var line in whole)
        {
            if (line.StartsWith("invalid:", StringComparison.Ordinal))
            {
                FuzzInvariantException.Check(line.StartsWith("invalid:1002:", StringComparison.Ordinal)
                    || line.StartsWith("invalid:1007:", StringComparison.Ordinal)
                    || line.StartsWith("invalid:1009:", StringComparison.Ordinal), $"unexpected failure code in {line}");
            }
            else if (line.StartsWith("text:", StringComparison.Ordinal) || line.StartsWith("binary:", StringComparison.Ordinal))
            {
                Reencode(line);
            }
        }
    }

    /// <summary>encode(parse(x)) parses back to x: frame the message again (in two fragments) and read it.</summary>
    private static void Reencode(string line)
    {
        var colon = line.IndexOf(':', StringComparison.Ordinal);
        var opcode = line[..colon] == "text" ? WebSocketOpcode.Text : WebSocketOpcode.Binary;
        var payload = Convert.FromHexString(line[(colon + 1)..]);
        var half = payload.Length / 2;
        var bytes = Frames((opcode, false, payload[..half]), (WebSocketOpcode.Continuation, true, payload[half..]));
        var again = WebSocketFrameTranscript.Read(bytes, MaxMessageSize);
        FuzzInvariantException.Check(again.Count == 1 && again[0] == line, $"re-encoded message read back as [{string.Join(", ", again)}]");
    }

    private static void SameEvents(IReadOnlyList<string> expected, IReadOnlyList<string> actual, string how) =>
        FuzzInvariantException.Check(expected.SequenceEqual(actual),
            $"{how} changed the result: [{string.Join(", ", expected)}] vs [{string.Join(", ", actual)}]");

    private static int Seed(ReadOnlySpan<byte> data)
    {
        var hash = 2166136261u;
        foreach (var b in data)
        {
            hash = (hash ^ b) * 16777619u;
        }

        return (int)(hash & int.MaxValue);
    }

    /// <summary>Client frames with a fixed masking key.</summary>
    internal static byte[] Frames(params (WebSocketOpcode Opcode, bool IsFinal, byte[] Payload)[] frames)
    {
        var output = new ArrayBufferWriter<byte>();
        foreach (var (opcode, isFinal, payload) in frames)
        {
            var span = output.GetSpan(WebSocketProtocol.MaxClientHeaderLength + payload.Length);
            output.Advance(WebSocketFrameWriter.WriteMaskedFrame(span, opcode, payload, 0x5A17C3E9, isFinal));
        }

        return output.WrittenSpan.ToArray();
    }
}
