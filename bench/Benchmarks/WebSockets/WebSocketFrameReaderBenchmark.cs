using System.Buffers;
using BenchmarkDotNet.Attributes;
using SocketIo.Protocol.WebSockets;

namespace SocketIo.Benchmarks.WebSockets;

/// <summary>
/// Parse + unmask throughput of a buffer of masked client frames into a message buffer, against a plain
/// <see cref="Span{T}.CopyTo"/> of the same bytes (the floor: any reader has to move every byte once).
/// </summary>
[MemoryDiagnoser]
public class WebSocketFrameReaderBenchmark
{
    private byte[] _stream = [];
    private byte[] _copyTarget = [];
    private ArrayBufferWriter<byte> _message = new();
    private WebSocketFrameReader _reader = new(1);
    private byte[] _payload = [];
    private int _count;

    /// <summary>Frames in the buffer: 100 messages of 1 KiB, or one of 64 KiB.</summary>
    [Params("100x1KiB", "1x64KiB")]
    public string Shape { get; set; } = "100x1KiB";

    /// <summary>
    /// <c>binary</c> (unmask only), <c>ascii-text</c> (unmask + UTF-8 validation of ASCII JSON, the common Socket.IO case)
    /// or <c>mixed-text</c> (JSON with a non-ASCII character every ~22 bytes, the slow path of UTF-8 validation).
    /// </summary>
    [Params("binary", "ascii-text", "mixed-text")]
    public string Payload { get; set; } = "binary";

    [GlobalSetup]
    public void Setup()
    {
        var (count, size) = Shape == "100x1KiB" ? (100, 1024) : (1, 64 * 1024);
        var payload = new byte[size];
        var pattern = Payload == "mixed-text"
            ? "42[\"chat\",{\"user\":\"zoë\",\"text\":\"hello ✓\"}]"u8
            : "42[\"chat\",{\"user\":\"zoe\",\"text\":\"hello !\"}]"u8;
        for (var i = 0; i < size; i++)
        {
            payload[i] = pattern[i % pattern.Length];
        }

        payload[^1] = (byte)' '; // do not end inside a multi-byte character
        payload[^2] = (byte)' ';
        payload[^3] = (byte)' ';
        var output = new ArrayBufferWriter<byte>();
        for (var i = 0; i < count; i++)
        {
            var span = output.GetSpan(WebSocketProtocol.MaxClientHeaderLength + size);
            output.Advance(WebSocketFrameWriter.WriteMaskedFrame(span, Payload == "binary" ? WebSocketOpcode.Binary : WebSocketOpcode.Text, payload, 0x9E3779B9u + (uint)i));
        }

        _stream = output.WrittenSpan.ToArray();
        _payload = payload;
        _count = count;
        _copyTarget = new byte[_stream.Length];
        _message = new ArrayBufferWriter<byte>(size);
        _reader = new WebSocketFrameReader(1 << 20);
    }

    [Benchmark(Baseline = true)]
    public int CopyTo()
    {
        _stream.AsSpan().CopyTo(_copyTarget);
        return _copyTarget[^1];
    }

    /// <summary>The BCL's UTF-8 validation of the same payloads alone: the floor for text messages.</summary>
    [Benchmark]
    public int Utf8IsValidOnly()
    {
        var valid = 0;
        for (var i = 0; i < _count; i++)
        {
            valid += System.Text.Unicode.Utf8.IsValid(_payload) ? 1 : 0;
        }

        return valid;
    }

    [Benchmark]
    public int ReadFrames()
    {
        var input = new SequenceReader<byte>(new ReadOnlySequence<byte>(_stream));
        var messages = 0;
        while (_reader.Read(ref input, _message) is WebSocketReadStatus.BinaryMessage or WebSocketReadStatus.TextMessage)
        {
            messages++;
            _message.ResetWrittenCount();
        }

        return messages;
    }
}
