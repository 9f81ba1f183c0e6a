using System.Buffers;
using System.Numerics;
using System.Runtime.Intrinsics;
using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using SocketIo.Protocol.Json;
using SocketIo.Protocol.SocketIO;

namespace SocketIo.Benchmarks.SocketIO;

/// <summary>
/// Socket.IO packet parse and encode against two baselines on the same bytes: a plain Span.CopyTo (the floor)
/// and a naive string split + JsonDocument.Parse decoder (what a first implementation would do).
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class SocketIoCodecBenchmark
{
    private static readonly byte[] Blob0 = new byte[256];
    private static readonly byte[] Blob1 = new byte[64];

    private readonly ArrayBufferWriter<byte> _output = new(4096);
    private readonly List<ReadOnlyMemory<byte>> _attachments = new(4);
    private byte[] _message = [];
    private byte[] _copyTarget = [];
    private byte[] _rawArguments = [];
    private byte[] _payload = [];
    private string _text = string.Empty;

    /// <summary>The packet shapes measured.</summary>
    public enum Shape
    {
        /// <summary><c>2["chat","hello"]</c>.</summary>
        Chat,

        /// <summary>An event of about 1 KiB: a name and a long text plus a few small values.</summary>
        Event1K,

        /// <summary>A binary event with two attachments (the text header only).</summary>
        Binary2,
    }

    /// <summary>Which packet.</summary>
    [Params(Shape.Chat, Shape.Event1K, Shape.Binary2)]
    public Shape Case { get; set; }

    /// <summary>Builds the message for <see cref="Case"/>.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _text = Case switch
        {
            Shape.Chat => "hello",
            Shape.Event1K => string.Concat(Enumerable.Repeat("The quick brown fox jumps over the lazy dog. ", 22)),
            _ => "file",
        };
        var message = Case switch
        {
            Shape.Chat => "2[\"chat\",\"hello\"]",
            Shape.Event1K => "2/chat,17[\"chat\",\"" + _text + "\",{\"user\":\"ada\",\"n\":42,\"ok\":true}]",
            _ => "52-[\"chat\",\"file\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]",
        };
        _message = Encoding.UTF8.GetBytes(message);
        _copyTarget = new byte[_message.Length];
        SocketIoPacketReader.TryRead(_message, out var packet);
        _rawArguments = packet.RawArguments.ToArray();
        _payload = packet.Payload.ToArray();
    }

    /// <summary>The floor: copy the message bytes.</summary>
    [Benchmark(Baseline = true)]
    public int CopyTo()
    {
        _message.AsSpan().CopyTo(_copyTarget);
        return _copyTarget.Length;
    }

    /// <summary>Parse and validate, compare the event name, walk the arguments.</summary>
    [Benchmark]
    public int Parse()
    {
        SocketIoPacketReader.TryRead(_message, out var packet);
        var sum = packet.EventNameEquals("chat"u8) ? 1 : 0;
        foreach (var argument in packet.GetArguments())
        {
            sum += argument.Length;
        }

        return sum;
    }

    /// <summary>
    /// The physical floor of any validating parser, for reference: one vectorized pass over the message that
    /// classifies every byte as a JSON string scan must (quote, backslash, control, non-ASCII) and counts the
    /// special ones. It parses nothing; a parser cannot look at the bytes less than this.
    /// </summary>
    [Benchmark]
    public int PhysicalFloor()
    {
        ReadOnlySpan<byte> bytes = _message;
        var count = 0;
        if (bytes.Length >= Vector256<byte>.Count)
        {
            var i = 0;
            for (; i <= bytes.Length - Vector256<byte>.Count; i += Vector256<byte>.Count)
            {
                count += BitOperations.PopCount(Special(Vector256.Create(bytes.Slice(i, Vector256<byte>.Count))));
            }

            // The tail: one load ending at the last byte, without the lanes already counted (all 32 when none is left).
            var seen = i - (bytes.Length - Vector256<byte>.Count);
            return count + BitOperations.PopCount((ulong)Special(Vector256.Create(bytes[^Vector256<byte>.Count..])) >> seen);
        }

        // 16 to 31 bytes: two loads, the second ending at the last byte, without the lanes counted twice.
        var overlap = (2 * Vector128<byte>.Count) - bytes.Length;
        return BitOperations.PopCount(Special(Vector128.Create(bytes[..Vector128<byte>.Count])))
            + BitOperations.PopCount(Special(Vector128.Create(bytes[^Vector128<byte>.Count..])) >> overlap);
    }

    /// <summary>The hand-written JSON validator alone, on the packet's JSON payload.</summary>
    [Benchmark]
    public bool Validate() => JsonValidator.IsValid(_payload);

    /// <summary>What validation cost before: a Utf8JsonReader token loop over the same payload.</summary>
    [Benchmark]
    public int ReaderLoop()
    {
        var reader = new Utf8JsonReader(_payload, new JsonReaderOptions { MaxDepth = 64 });
        var tokens = 0;
        while (reader.Read())
        {
            tokens++;
        }

        return tokens;
    }

    /// <summary>A naive decoder: UTF-8 to string, split the header by hand, JsonDocument.Parse the rest.</summary>
    [Benchmark]
    public int NaiveParse()
    {
        var text = Encoding.UTF8.GetString(_message);
        var rest = text[1..];
        var dash = rest.IndexOf('-', StringComparison.Ordinal);
        if (text[0] is '5' or '6' && dash >= 0)
        {
            rest = rest[(dash + 1)..];
        }

        var nsp = "/";
        if (rest.StartsWith('/'))
        {
            var parts = rest.Split(',', 2);
            nsp = parts[0];
            rest = parts.Length > 1 ? parts[1] : string.Empty;
        }

        var json = rest.TrimStart("0123456789".ToCharArray());
        using var document = JsonDocument.Parse(json);
        var sum = nsp.Length + (document.RootElement[0].GetString() == "chat" ? 1 : 0);
        foreach (var element in document.RootElement.EnumerateArray())
        {
            sum += element.GetRawText().Length;
        }

        return sum;
    }

    // One bit per byte that is '"', '\\', below 0x20 or 0x80 and above (negative as a signed byte).
    private static uint Special(Vector256<byte> v) =>
        (Vector256.Equals(v, Vector256.Create((byte)'"')) | Vector256.Equals(v, Vector256.Create((byte)'\\'))
            | Vector256.LessThan(v.AsSByte(), Vector256.Create((sbyte)0x20)).AsByte()).ExtractMostSignificantBits();

    private static uint Special(Vector128<byte> v) =>
        (Vector128.Equals(v, Vector128.Create((byte)'"')) | Vector128.Equals(v, Vector128.Create((byte)'\\'))
            | Vector128.LessThan(v.AsSByte(), Vector128.Create((sbyte)0x20)).AsByte()).ExtractMostSignificantBits();

    /// <summary>Encode from raw, already-encoded arguments (the relay path).</summary>
    [Benchmark]
    public int EncodeRaw()
    {
        _output.ResetWrittenCount();
        SocketIoPacketWriter.WriteEvent(_output, Case == Shape.Event1K ? "/chat"u8 : "/"u8, "chat"u8, _rawArguments,
            Case == Shape.Event1K ? 17 : SocketIoPacket.NoAckId, Case == Shape.Binary2 ? 2 : 0);
        return _output.WrittenCount;
    }

    /// <summary>Encode from typed values with a source-generated context (binary moved to attachments).</summary>
    [Benchmark]
    public int EncodeTyped()
    {
        _output.ResetWrittenCount();
        _attachments.Clear();
        using var builder = SocketIoPacketBuilder.CreateEvent("chat"u8, _attachments);
        builder.AddArgument(_text, SocketIoBenchJsonContext.Default.String);
        if (Case == Shape.Event1K)
        {
            builder.AddRawArguments("{\"user\":\"ada\",\"n\":42,\"ok\":true}"u8);
        }
        else if (Case == Shape.Binary2)
        {
            builder.AddArgument(Blob0, SocketIoBenchJsonContext.Default.ByteArray);
            builder.AddArgument(Blob1, SocketIoBenchJsonContext.Default.ByteArray);
        }

        builder.WriteTo(_output, Case == Shape.Event1K ? "/chat"u8 : "/"u8, Case == Shape.Event1K ? 17 : SocketIoPacket.NoAckId);
        return _output.WrittenCount;
    }
}
