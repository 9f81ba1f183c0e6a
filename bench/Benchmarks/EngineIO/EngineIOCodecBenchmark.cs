using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;
using BenchmarkDotNet.Attributes;
using SocketIo.Protocol.EngineIO;

namespace SocketIo.Benchmarks.EngineIO;

/// <summary>
/// Engine.IO v4 codec against a plain copy of the same wire bytes (the baseline) and a naive string-based codec
/// (UTF8.GetString + Split + Substring/Convert.FromBase64String; string.Join + UTF8.GetBytes to encode).
/// Inputs: a short message (<c>4hello</c>), a 1 KiB message, and a polling payload of 100 packets
/// (90 Socket.IO events of about 100 bytes, 10 binary messages of 64 bytes).
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class EngineIOCodecBenchmark
{
    private readonly ArrayBufferWriter<byte> _output = new(64 * 1024);
    private readonly byte[] _scratch = new byte[4096];
    private byte[] _wire = [];
    private byte[] _copyTarget = [];
    private EngineIOOutgoingPacket[] _queue = [];
    private string[] _naiveParts = [];
    private byte[][] _base64Parts = [];
    private readonly ulong[] _scanScratch = new ulong[EngineIOPayloadReader.ScratchLength];

    /// <summary>Which input is measured.</summary>
    [Params("Short", "Message1KiB", "Payload100")]
    public string Input { get; set; } = "Short";

    [GlobalSetup]
    public void Setup()
    {
        _queue = Input switch
        {
            "Short" => [EngineIOOutgoingPacket.Text(EngineIOPacketType.Message, "hello"u8.ToArray())],
            "Message1KiB" => [EngineIOOutgoingPacket.Text(EngineIOPacketType.Message, Json(1023))],
            _ => [.. Enumerable.Range(0, 100).Select(i => i % 10 == 9
                ? EngineIOOutgoingPacket.Binary(Enumerable.Range(i, 64).Select(b => (byte)b).ToArray())
                : EngineIOOutgoingPacket.Text(EngineIOPacketType.Message, Json(100 + (i % 7))))],
        };
        EngineIOPayloadWriter.Write(_output, _queue, long.MaxValue, out _);
        _wire = _output.WrittenSpan.ToArray();
        _copyTarget = new byte[_wire.Length];
        _naiveParts = [.. _queue.Select(p => p.IsBinary
            ? "b" + Convert.ToBase64String(p.Data.Span)
            : ((int)p.Type).ToString(System.Globalization.CultureInfo.InvariantCulture) + Encoding.UTF8.GetString(p.Data.Span))];
        _base64Parts = [.. _naiveParts.Where(p => p[0] == 'b').Select(p => Encoding.ASCII.GetBytes(p[1..]))];
    }

    [Benchmark(Baseline = true)]
    public int CopyTo()
    {
        _wire.AsSpan().CopyTo(_copyTarget);
        return _copyTarget[^1];
    }

    /// <summary>A single message as a WebSocket text frame; the payload as a POST body, base64 decoded. The
    /// reader's scratch is not zeroed (its contents are ignored), as in the engine.</summary>
    [Benchmark]
    [SkipLocalsInit]
    public int Parse()
    {
        if (_queue.Length == 1)
        {
            EngineIOPacketReader.TryReadText(_wire, out var message, out _);
            return (int)message.Type + message.Data.Length;
        }

        var total = 0;
        var reader = new EngineIOPayloadReader(_wire, stackalloc ulong[EngineIOPayloadReader.ScratchLength]);
        while (reader.MoveNext())
        {
            var packet = reader.Current;
            if (packet.IsBinary)
            {
                packet.TryDecodeBinary(_scratch, out var written, out _);
                total += written;
            }
            else
            {
                total += packet.Data.Length;
            }
        }

        return total;
    }

    /// <summary>Breakdown of <see cref="Parse"/> on the payload: the enumeration alone, no base64 decoding.</summary>
    [Benchmark]
    [SkipLocalsInit]
    public int ParseNoDecode()
    {
        var total = 0;
        var reader = new EngineIOPayloadReader(_wire, stackalloc ulong[EngineIOPayloadReader.ScratchLength]);
        while (reader.MoveNext())
        {
            total += reader.Current.Data.Length;
        }

        return total;
    }

    /// <summary>Breakdown of <see cref="Parse"/> on the payload: the vectorized separator scan alone (the
    /// reader's batches of block masks).</summary>
    [Benchmark]
    public int ScanOnly()
    {
        EngineIOPayloadScanner.Reset(_scanScratch, _wire.Length);
        var total = 0;
        ulong blocks;
        while ((blocks = EngineIOPayloadScanner.ScanBatch(ref _wire[0], _scanScratch, 0)) != 0)
        {
            total += System.Numerics.BitOperations.PopCount(blocks);
        }

        return total;
    }

    /// <summary>Breakdown of <see cref="Parse"/> on the payload: the BCL base64 decoding of its binary packets alone.</summary>
    [Benchmark]
    public int DecodeOnly()
    {
        var total = 0;
        foreach (var base64 in _base64Parts)
        {
            System.Buffers.Text.Base64.DecodeFromUtf8(base64, _scratch, out _, out var written);
            total += written;
        }

        return total;
    }

    [Benchmark]
    public int ParseNaive()
    {
        var total = 0;
        foreach (var part in Encoding.UTF8.GetString(_wire).Split('\u001e'))
        {
            total += part[0] == 'b' ? Convert.FromBase64String(part[1..]).Length : part[1..].Length;
        }

        return total;
    }

    [Benchmark]
    public int Encode()
    {
        _output.ResetWrittenCount();
        if (_queue.Length == 1)
        {
            EngineIOPacketWriter.WriteText(_output, _queue[0].Type, _queue[0].Data.Span);
        }
        else
        {
            EngineIOPayloadWriter.Write(_output, _queue, long.MaxValue, out _);
        }

        return _output.WrittenCount;
    }

    /// <summary>The naive encoder gets its packets already as strings, which flatters it.</summary>
    [Benchmark]
    public int EncodeNaive() => Encoding.UTF8.GetBytes(string.Join('\u001e', _naiveParts)).Length;

    private static byte[] Json(int length)
    {
        var text = new StringBuilder("2[\"chat message\",{\"user\":\"alice\",\"text\":\"");
        while (text.Length < length - 3)
        {
            text.Append((char)('a' + (text.Length % 26)));
        }

        return Encoding.UTF8.GetBytes(text.Append("\"}]").ToString());
    }
}
