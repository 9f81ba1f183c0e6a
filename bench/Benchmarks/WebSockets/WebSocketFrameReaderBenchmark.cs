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

    /// <summary>Frames in the buffer: 100 messages of 1 KiB, or one of 64 KiB.</summary>
    [Params("100x1KiB", "1x64KiB")]
    public string Shape { get; set; } = "100x1KiB";

    /// <summary>Binary (unmask only) or text (unmask + incremental UTF-8 validation; ASCII-heavy JSON-like payload).</summary>
    [Params(false, true)]
    public bool Text { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var (count, size) = Shape == "100x1KiB" ? (100, 1024) : (1, 64 * 1024);
        var payload = new byte[size];
        var pattern = "42[\"chat\",{\"user\":\"zoë\",\"text\":\"hello ✓\"}]"u8;
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
            output.Advance(WebSocketFrameWriter.WriteMaskedFrame(span, Text ? WebSocketOpcode.Text : WebSocketOpcode.Binary, payload, 0x9E3779B9u + (uint)i));
        }

        _stream = output.WrittenSpan.ToArray();
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
