using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text.Unicode;

namespace SocketIo.Protocol.EngineIO;

/// <summary>
/// Enumerates the packets of a v4 polling payload (a POST body): parts separated by 0x1E, each decoded by
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
/// Speed: one vectorized pass over 64-byte blocks finds the separators and the non-ASCII bytes together, so
/// splitting costs about as much as copying the body, and only packets holding non-ASCII bytes are checked
/// for UTF-8.
/// </para>
/// </summary>
internal ref struct EngineIOPayloadReader
{
    /// <summary>The byte between packets of a polling payload.</summary>
    public const byte Separator = 0x1E;

    private const int BlockSize = 64;

    private readonly ReadOnlySpan<byte> _payload;
    private int _position;
    private int _blockStart;
    private ulong _separators;
    private ulong _nonAscii;
    private bool _finished;

    /// <summary>Starts reading <paramref name="payload"/>.</summary>
    public EngineIOPayloadReader(ReadOnlySpan<byte> payload)
    {
        _payload = payload;
        if (payload.IsEmpty)
        {
            _finished = true;
            Error = EngineIOParseError.EmptyPayload;
            return;
        }

        LoadBlock();
    }

    /// <summary>The packet <see cref="MoveNext"/> last produced.</summary>
    public EngineIOPacket Current { get; private set; }

    /// <summary>Why the enumeration stopped early, or <see cref="EngineIOParseError.None"/>.</summary>
    public EngineIOParseError Error { get; private set; }

    /// <summary>Packets produced so far.</summary>
    public int Count { get; private set; }

    /// <summary>Moves to the next packet; false at the end of the payload or at the first invalid part
    /// (then <see cref="Error"/> says why).</summary>
    public bool MoveNext()
    {
        if (_finished)
        {
            return false;
        }

        var start = _position;
        var end = FindPartEnd(out var hasNonAscii);
        var part = _payload[start..end];
        if (!EngineIOPacketReader.TryReadText(part, out var packet, out var error))
        {
            _finished = true;
            Error = error;
            Current = default;
            return false;
        }

        if (hasNonAscii && packet.Format == EngineIOPacketFormat.Text && !Utf8.IsValid(packet.Data))
        {
            packet = packet.WithInvalidUtf8();
        }

        Current = packet;
        Count++;
        return true;
    }

    // Returns the end of the part starting at _position and moves _position past its separator; reports
    // whether any byte of the part is non-ASCII.
    private int FindPartEnd(out bool hasNonAscii)
    {
        var nonAscii = 0UL;
        var startInBlock = _position - _blockStart;
        while (true)
        {
            if (_separators != 0)
            {
                var offset = BitOperations.TrailingZeroCount(_separators);
                _separators &= _separators - 1;
                nonAscii |= _nonAscii & RangeMask(startInBlock, offset);
                hasNonAscii = nonAscii != 0;
                _position = _blockStart + offset + 1;
                return _blockStart + offset;
            }

            nonAscii |= _nonAscii & RangeMask(startInBlock, BlockSize);
            _blockStart += BlockSize;
            startInBlock = 0;
            if (_blockStart >= _payload.Length)
            {
                _finished = true;
                hasNonAscii = nonAscii != 0;
                _position = _payload.Length;
                return _payload.Length;
            }

            LoadBlock();
        }
    }

    private void LoadBlock()
    {
        var remaining = _payload.Length - _blockStart;
        if (remaining >= BlockSize)
        {
            (_separators, _nonAscii) = ScanBlock(ref Unsafe.Add(ref MemoryMarshal.GetReference(_payload), _blockStart));
            return;
        }

        (_separators, _nonAscii) = ScanTail(_payload[_blockStart..]);
    }

    // The last, partial block, once per payload: a plain loop keeps stackalloc out of the per-block path.
    private static (ulong Separators, ulong NonAscii) ScanTail(ReadOnlySpan<byte> tail)
    {
        ulong separators = 0, nonAscii = 0;
        for (var i = 0; i < tail.Length; i++)
        {
            separators |= (tail[i] == Separator ? 1UL : 0UL) << i;
            nonAscii |= (ulong)(tail[i] >> 7) << i;
        }

        return (separators, nonAscii);
    }

    private static (ulong Separators, ulong NonAscii) ScanBlock(ref byte block)
    {
        var separator = Vector128.Create(Separator);
        var a = Vector128.LoadUnsafe(ref block);
        var b = Vector128.LoadUnsafe(ref block, 16);
        var c = Vector128.LoadUnsafe(ref block, 32);
        var d = Vector128.LoadUnsafe(ref block, 48);
        var separators = Vector128.Equals(a, separator).ExtractMostSignificantBits()
            | (Vector128.Equals(b, separator).ExtractMostSignificantBits() << 16)
            | ((ulong)Vector128.Equals(c, separator).ExtractMostSignificantBits() << 32)
            | ((ulong)Vector128.Equals(d, separator).ExtractMostSignificantBits() << 48);
        var nonAscii = a.ExtractMostSignificantBits()
            | (b.ExtractMostSignificantBits() << 16)
            | ((ulong)c.ExtractMostSignificantBits() << 32)
            | ((ulong)d.ExtractMostSignificantBits() << 48);
        return (separators, nonAscii);
    }

    // Bits [from, to) of a block, with 0 <= from <= 64 and 0 <= to <= 64.
    private static ulong RangeMask(int from, int to) => LowBits(to) & ~LowBits(from);

    private static ulong LowBits(int count) => count >= BlockSize ? ulong.MaxValue : (1UL << count) - 1;
}
