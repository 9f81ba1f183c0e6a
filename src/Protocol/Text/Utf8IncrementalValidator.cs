using System.Text.Unicode;

namespace SocketIo.Protocol.Text;

/// <summary>
/// Validates UTF-8 (RFC 3629) that arrives in chunks, carrying an unfinished code point across chunk
/// boundaries. RFC 6455 §8.1 asks a WebSocket endpoint to fail a text message as soon as a byte makes it
/// impossible, not at the end of the message, so <see cref="Append"/> reports an error on the chunk that
/// contains the first bad byte, even when the sequence it starts is not finished yet.
/// </summary>
/// <remarks>
/// The bulk of each chunk goes through <see cref="Utf8.IsValid(ReadOnlySpan{byte})"/> (vectorized, with an
/// ASCII fast path); only the at most three bytes of a code point that straddles a boundary go through the
/// small byte-at-a-time state machine below. A mutable struct: keep it in a field, never copy it mid-message.
/// </remarks>
internal struct Utf8IncrementalValidator
{
    // States of the boundary machine. Each names what the next byte must be (RFC 3629 §4 table).
    private const byte Accept = 0;
    private const byte Continuation1 = 1;      // one 80..BF left
    private const byte Continuation2 = 2;      // two 80..BF left
    private const byte Continuation3 = 3;      // three 80..BF left
    private const byte AfterE0 = 4;            // A0..BF, then one more (no overlong 3-byte forms)
    private const byte AfterED = 5;            // 80..9F, then one more (no surrogates)
    private const byte AfterF0 = 6;            // 90..BF, then two more (no overlong 4-byte forms)
    private const byte AfterF4 = 7;            // 80..8F, then two more (nothing above U+10FFFF)
    private const byte Reject = 8;

    private byte _state;

    /// <summary>True once a chunk contained an invalid byte; it stays true until <see cref="Reset"/>.</summary>
    public readonly bool IsInvalid => _state == Reject;

    /// <summary>
    /// At the end of a text: true when everything appended was valid and no code point is left unfinished.
    /// </summary>
    public readonly bool IsCompleteAndValid => _state == Accept;

    /// <summary>True when the bytes so far end inside a code point.</summary>
    public readonly bool IsInsideSequence => _state is not Accept and not Reject;

    /// <summary>Forgets everything seen so far, ready for a new text.</summary>
    public void Reset() => _state = Accept;

    /// <summary>
    /// Validates the next chunk. Returns false when the text so far cannot be the start of valid UTF-8; the
    /// validator then stays invalid.
    /// </summary>
    public bool Append(ReadOnlySpan<byte> chunk)
    {
        if (_state == Reject)
        {
            return false;
        }

        var i = 0;
        // Finish the code point the previous chunk left open.
        while (_state != Accept && i < chunk.Length)
        {
            _state = Step(_state, chunk[i++]);
            if (_state == Reject)
            {
                return false;
            }
        }

        var rest = chunk[i..];
        var tailStart = StartOfUnfinishedTail(rest);
        if (!Utf8.IsValid(rest[..tailStart]))
        {
            _state = Reject;
            return false;
        }

        // The tail is at most three bytes: a lead byte whose sequence the chunk cuts short (or an invalid lead).
        foreach (var b in rest[tailStart..])
        {
            _state = Step(_state, b);
            if (_state == Reject)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Index of the lead byte of a code point that the chunk ends in the middle of, or the chunk length when
    /// the chunk does not end inside one. Only looks at the last three bytes.
    /// </summary>
    private static int StartOfUnfinishedTail(ReadOnlySpan<byte> chunk)
    {
        var stop = Math.Max(0, chunk.Length - 3);
        for (var p = chunk.Length - 1; p >= stop; p--)
        {
            var b = chunk[p];
            if ((b & 0xC0) == 0x80)
            {
                continue; // continuation byte: keep looking for its lead
            }

            var needed = b < 0xC0 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
            return chunk.Length - p < needed ? p : chunk.Length;
        }

        return chunk.Length;
    }

    private static byte Step(byte state, byte b) => state switch
    {
        Accept => b switch
        {
            < 0x80 => Accept,
            < 0xC2 => Reject,            // bare continuation, or overlong C0/C1
            < 0xE0 => Continuation1,
            0xE0 => AfterE0,
            0xED => AfterED,
            < 0xF0 => Continuation2,
            0xF0 => AfterF0,
            < 0xF4 => Continuation3,
            0xF4 => AfterF4,
            _ => Reject,                 // F5..FF can never appear
        },
        Continuation1 => IsContinuation(b) ? Accept : Reject,
        Continuation2 => IsContinuation(b) ? Continuation1 : Reject,
        Continuation3 => IsContinuation(b) ? Continuation2 : Reject,
        AfterE0 => b is >= 0xA0 and <= 0xBF ? Continuation1 : Reject,
        AfterED => b is >= 0x80 and <= 0x9F ? Continuation1 : Reject,
        AfterF0 => b is >= 0x90 and <= 0xBF ? Continuation2 : Reject,
        AfterF4 => b is >= 0x80 and <= 0x8F ? Continuation2 : Reject,
        _ => Reject,
    };

    private static bool IsContinuation(byte b) => (b & 0xC0) == 0x80;
}
