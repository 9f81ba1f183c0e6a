using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text.Unicode;

namespace SocketIo.Protocol.EngineIO;

/// <summary>
/// Enumerates the packets of a v4 polling payload (a POST body): parts separated by 0x1E, each decoded like
/// <see cref="EngineIOPacketReader.TryReadText"/> (PROTOCOL.md 1.5). Allocates nothing; packets are views
/// over the payload.
/// <code>
/// var reader = new EngineIOPayloadReader(body);
/// while (reader.MoveNext()) { Handle(reader.Current); }
/// if (reader.Error != EngineIOParseError.None) { /* close with "parse error"; earlier packets stand */ }
/// </code>
/// Rules: an empty body is <see cref="EngineIOParseError.EmptyPayload"/>; an empty part (leading, doubled or
/// trailing separator) is <see cref="EngineIOParseError.EmptyPacket"/>; the first bad part stops the
/// enumeration. Base64 is not decoded here: a bad <c>b...</c> part surfaces when the engine calls
/// <see cref="EngineIOPacket.TryDecodeBinary"/>, still in packet order.
/// <para>
/// UTF-8: the body must be decoded only once it is complete, and the reference replaces invalid sequences with
/// U+FFFD rather than failing. The reader marks each text packet whose data is not valid UTF-8 with
/// <see cref="EngineIOPacket.HasInvalidUtf8"/>; the engine then passes on <see cref="Utf8Replacement.Replace"/>
/// of that data, which is what the reference would have seen. Replacement never touches 0x1E, so splitting
/// before replacing is equivalent.
/// </para>
/// <para>
/// Speed: packets are short (tens to hundreds of bytes), so the cost is in per-packet branches, not in bytes.
/// The reader therefore scans ahead in batches: one vectorized pass over 64-byte blocks (see
/// <see cref="EngineIOPayloadScanner"/>) writes the end of every part into a small buffer, without a
/// data-dependent branch per separator, and flags the parts that hold non-ASCII bytes; only those are checked
/// for UTF-8. <see cref="MoveNext"/> is then a buffer read, a slice and a look at the type byte; it is
/// inlined into the caller's loop, and the scan runs once per up to 64 parts.
/// </para>
/// </summary>
internal ref struct EngineIOPayloadReader
{
    /// <summary>The byte between packets of a polling payload.</summary>
    public const byte Separator = EngineIOPayloadScanner.Separator;

    private const int BlockSize = EngineIOPayloadScanner.BlockSize;

    // Part ends buffered by one scan: room for a block of nothing but separators, the payload end, and the
    // unconditional second write of EngineIOPayloadScanner.WriteEnds.
    private const int BufferLength = BlockSize + 2;

    // Set on a buffered part end when the part holds a byte >= 0x80; ends are below 2^31.
    private const int NonAsciiFlag = int.MinValue;

    private readonly ReadOnlySpan<byte> _payload;

    // Start of the next part.
    private int _start;

    // The next buffered part end, and how many are buffered.
    private int _next;
    private int _buffered;

    // Packets produced before the current buffer.
    private int _countBefore;

    // Bytes scanned so far; the payload length once every part end is buffered.
    private int _scanned;
    private bool _scanComplete;

    // Non-ASCII bytes follow the last buffered separator (their part ends in a later scan).
    private bool _nonAsciiPending;
    private PartEnds _ends;

    /// <summary>Starts reading <paramref name="payload"/>.</summary>
    public EngineIOPayloadReader(ReadOnlySpan<byte> payload)
    {
        Unsafe.SkipInit(out _ends);
        _payload = payload;
        if (payload.IsEmpty)
        {
            _scanComplete = true;
            Error = EngineIOParseError.EmptyPayload;
        }
    }

    /// <summary>The packet <see cref="MoveNext"/> last produced.</summary>
    public EngineIOPacket Current { get; private set; }

    /// <summary>Why the enumeration stopped early, or <see cref="EngineIOParseError.None"/>.</summary>
    public EngineIOParseError Error { get; private set; }

    /// <summary>Packets produced so far.</summary>
    public readonly int Count => _countBefore + _next;

    /// <summary>Moves to the next packet; false at the end of the payload or at the first invalid part
    /// (then <see cref="Error"/> says why).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool MoveNext()
    {
        if (_next == _buffered && !Scan())
        {
            return false;
        }

        var end = Unsafe.Add(ref _ends.First, _next++);
        var start = _start;
        var length = (end & ~NonAsciiFlag) - start;
        Debug.Assert((uint)start + (uint)length <= (uint)_payload.Length);
        _start = start + length + 1;
        if (length == 0)
        {
            return Stop(EngineIOParseError.EmptyPacket);
        }

        ref var first = ref Unsafe.Add(ref MemoryMarshal.GetReference(_payload), start);
        var digit = (uint)(first - '0');
        var isBase64 = first == EngineIOPacketReader.Base64Prefix;
        if (digit > (uint)EngineIOPacketType.Noop && !isBase64)
        {
            return Stop(EngineIOParseError.UnknownPacketType);
        }

        var data = MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref first, 1), length - 1);
        Current = new EngineIOPacket(
            isBase64 ? EngineIOPacketType.Message : (EngineIOPacketType)digit,
            isBase64 ? EngineIOPacketFormat.Base64 : EngineIOPacketFormat.Text,
            data,
            hasInvalidUtf8: end < 0 && !isBase64 && !Utf8.IsValid(data));
        return true;
    }

    // Called with the failed part already taken from the buffer.
    private bool Stop(EngineIOParseError error)
    {
        _countBefore += _next - 1;
        _next = _buffered = 0;
        _scanComplete = true;
        Error = error;
        Current = default;
        return false;
    }

    // Refills the part-end buffer from the next blocks; false once the payload is exhausted.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool Scan()
    {
        if (_scanComplete)
        {
            return false;
        }

        Span<int> ends = _ends;
        var length = _payload.Length;
        var scanStart = _scanned;
        var scanned = scanStart;
        var count = 0;
        var nonAscii = false;
        if (length - scanned >= BlockSize)
        {
            nonAscii = EngineIOPayloadScanner.ScanBlocks(_payload, ref scanned, ends, ref count);
            if (length - scanned >= BlockSize)
            {
                goto Scanned; // the buffer is full
            }
        }

        if (scanned < length)
        {
            var (separators, tailNonAscii) = EngineIOPayloadScanner.ScanTail(_payload, length - scanned);
            var found = BitOperations.PopCount(separators);
            if (!EngineIOPayloadScanner.Fits(count, found, ends.Length))
            {
                goto Scanned;
            }

            EngineIOPayloadScanner.WriteEnds(ref ends[count], separators, scanned);
            nonAscii |= tailNonAscii != 0;
            count += found;
            scanned = length;
        }

        // The last part ends at the end of the payload.
        ends[count++] = length;
        _scanComplete = true;

    Scanned:
        if (nonAscii || _nonAsciiPending)
        {
            FlagNonAsciiParts(scanStart, scanned);
        }

        _scanned = scanned;
        _countBefore += _buffered;
        _next = 0;
        _buffered = count;
        return true;
    }

    // Second pass over the blocks just scanned, only when they hold non-ASCII bytes (or the part running into
    // them does): sets NonAsciiFlag on the end of every part holding such a byte.
    private void FlagNonAsciiParts(int scanStart, int scanned)
    {
        ref var bytes = ref MemoryMarshal.GetReference(_payload);
        var pending = _nonAsciiPending;
        var index = 0;
        for (var position = scanStart; position < scanned; position += BlockSize)
        {
            var remaining = _payload.Length - position;
            var (separators, nonAscii) = remaining >= BlockSize
                ? EngineIOPayloadScanner.Scan(ref Unsafe.Add(ref bytes, position))
                : EngineIOPayloadScanner.ScanTail(_payload, remaining);
            for (; separators != 0; separators &= separators - 1)
            {
                var before = (separators & (0 - separators)) - 1;
                if (pending || (nonAscii & before) != 0)
                {
                    Unsafe.Add(ref _ends.First, index) |= NonAsciiFlag;
                }

                nonAscii &= ~before;
                pending = false;
                index++;
            }

            pending |= nonAscii != 0;
        }

        if (_scanComplete && pending)
        {
            Unsafe.Add(ref _ends.First, index) |= NonAsciiFlag;
        }

        _nonAsciiPending = pending;
    }

    [InlineArray(BufferLength)]
    private struct PartEnds
    {
        public int First;
    }
}
