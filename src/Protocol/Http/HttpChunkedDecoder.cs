using System.Buffers;

namespace SocketIo.Protocol.Http;

/// <summary>
/// Incremental decoder for <c>Transfer-Encoding: chunked</c> (RFC 9112 §7.1). Framing bytes go through a
/// byte-at-a-time state machine, so any split point is handled and nothing is buffered; chunk data is
/// handed out as slices of the input. Extensions are ignored but capped; trailers are validated like header
/// fields, capped, and discarded; the decoded total is capped (413). The reader stops right after the body.
/// </summary>
internal struct HttpChunkedDecoder
{
    private const int MaxChunkSizeDigits = 16;

    private readonly long _maxBodySize;
    private readonly int _maxExtensionLength;
    private readonly int _maxTrailerLength;
    private readonly int _maxTrailerCount;

    private State _state;
    private int _digits;
    private ulong _chunkSize;
    private long _chunkRemaining;
    private int _extensionLength;
    private int _trailerLength;
    private int _trailerCount;

    /// <summary>Starts a body with the limits of <paramref name="options"/>.</summary>
    public HttpChunkedDecoder(HttpParserOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _maxBodySize = options.MaxRequestBodySize;
        _maxExtensionLength = options.MaxChunkExtensionLength;
        _maxTrailerLength = options.MaxTrailerSectionLength;
        _maxTrailerCount = options.MaxHeaderCount;
        _state = State.Size;
    }

    private enum State : byte
    {
        Size,
        SizeWhitespace,
        Extension,
        SizeLf,
        Data,
        DataCr,
        DataLf,
        TrailerLineStart,
        TrailerName,
        TrailerValue,
        TrailerLf,
        FinalLf,
        Done,
        Failed,
    }

    /// <summary>Body bytes announced by the chunk sizes read so far (checked against the cap before the data arrives).</summary>
    public long TotalLength { get; private set; }

    /// <summary>Why decoding failed (after an Error result).</summary>
    public HttpParseError Error { get; private set; }

    /// <summary>True once the last chunk and the trailers were read.</summary>
    public readonly bool IsComplete => _state == State.Done;

    /// <summary>
    /// Returns Data with the next piece of chunk data (reader advanced past it), NeedMoreData when the input is
    /// used up (all of it was consumed), Done after the final CRLF, or Error (see <see cref="Error"/>).
    /// </summary>
    public HttpBodyStatus Read(ref SequenceReader<byte> reader, out ReadOnlySequence<byte> data)
    {
        data = default;
        while (true)
        {
            switch (_state)
            {
                case State.Data:
                    {
                        var take = Math.Min(_chunkRemaining, reader.Remaining);
                        if (take == 0)
                        {
                            return HttpBodyStatus.NeedMoreData;
                        }

                        data = reader.UnreadSequence.Slice(0, take);
                        reader.Advance(take);
                        _chunkRemaining -= take;
                        if (_chunkRemaining == 0)
                        {
                            _state = State.DataCr;
                        }

                        return HttpBodyStatus.Data;
                    }

                case State.Done:
                    return HttpBodyStatus.Done;
                case State.Failed:
                    return HttpBodyStatus.Error;
            }

            if (!reader.TryRead(out var b))
            {
                return HttpBodyStatus.NeedMoreData;
            }

            var error = Step(b);
            if (error != HttpParseError.None)
            {
                Error = error;
                _state = State.Failed;
                return HttpBodyStatus.Error;
            }
        }
    }

    /// <summary>Copies all available decoded data to <paramref name="destination"/>; returns Done, NeedMoreData or Error.</summary>
    public HttpBodyStatus CopyTo(ref SequenceReader<byte> reader, IBufferWriter<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        while (true)
        {
            var status = Read(ref reader, out var data);
            if (status != HttpBodyStatus.Data)
            {
                return status;
            }

            foreach (var segment in data)
            {
                destination.Write(segment.Span);
            }
        }
    }

    /// <summary>Advances the framing state machine by one byte (never called in Data, Done or Failed).</summary>
    private HttpParseError Step(byte b)
    {
        switch (_state)
        {
            case State.Size:
                {
                    var value = HexValue(b);
                    if (value >= 0)
                    {
                        if (++_digits > MaxChunkSizeDigits)
                        {
                            return HttpParseError.InvalidChunkSize;
                        }

                        _chunkSize = (_chunkSize << 4) | (uint)value;
                        return HttpParseError.None;
                    }

                    if (_digits == 0)
                    {
                        return HttpParseError.InvalidChunkSize;
                    }

                    return AfterSize(b);
                }

            case State.SizeWhitespace:
                return AfterSize(b);

            case State.Extension:
                if (b == (byte)'\r')
                {
                    _state = State.SizeLf;
                    return HttpParseError.None;
                }

                return ++_extensionLength > _maxExtensionLength || IsInvalidFieldByte(b)
                    ? HttpParseError.InvalidChunkExtension
                    : HttpParseError.None;

            case State.SizeLf:
                return b == (byte)'\n' ? StartChunk() : HttpParseError.InvalidChunkSize;

            case State.DataCr:
                _state = State.DataLf;
                return b == (byte)'\r' ? HttpParseError.None : HttpParseError.MissingChunkTerminator;

            case State.DataLf:
                if (b != (byte)'\n')
                {
                    return HttpParseError.MissingChunkTerminator;
                }

                _state = State.Size;
                _digits = 0;
                _chunkSize = 0;
                _extensionLength = 0;
                return HttpParseError.None;
        }

        // Trailer section: every byte counts against its cap.
        if (++_trailerLength > _maxTrailerLength)
        {
            return HttpParseError.TrailerSectionTooLarge;
        }

        switch (_state)
        {
            case State.TrailerLineStart:
                if (b == (byte)'\r')
                {
                    _state = State.FinalLf;
                    return HttpParseError.None;
                }

                if (!HttpCharacters.Token.Contains(b))
                {
                    // Covers obs-fold (a line starting with SP/HTAB) and a missing name.
                    return HttpParseError.InvalidTrailer;
                }

                if (++_trailerCount > _maxTrailerCount)
                {
                    return HttpParseError.TrailerSectionTooLarge;
                }

                _state = State.TrailerName;
                return HttpParseError.None;

            case State.TrailerName:
                if (b == (byte)':')
                {
                    _state = State.TrailerValue;
                    return HttpParseError.None;
                }

                return HttpCharacters.Token.Contains(b) ? HttpParseError.None : HttpParseError.InvalidTrailer;

            case State.TrailerValue:
                if (b == (byte)'\r')
                {
                    _state = State.TrailerLf;
                    return HttpParseError.None;
                }

                return IsInvalidFieldByte(b) ? HttpParseError.InvalidTrailer : HttpParseError.None;

            case State.TrailerLf:
                _state = State.TrailerLineStart;
                return b == (byte)'\n' ? HttpParseError.None : HttpParseError.InvalidTrailer;

            default:
                // FinalLf.
                _state = State.Done;
                return b == (byte)'\n' ? HttpParseError.None : HttpParseError.InvalidTrailer;
        }
    }

    /// <summary>After the size digits: optional BWS, then an extension or the CRLF.</summary>
    private HttpParseError AfterSize(byte b)
    {
        switch (b)
        {
            case (byte)';':
                _state = State.Extension;
                return HttpParseError.None;
            case (byte)'\r':
                _state = State.SizeLf;
                return HttpParseError.None;
            case (byte)' ' or (byte)'\t':
                _state = State.SizeWhitespace;
                return HttpParseError.None;
            default:
                return HttpParseError.InvalidChunkSize;
        }
    }

    private HttpParseError StartChunk()
    {
        if (_chunkSize == 0)
        {
            _state = State.TrailerLineStart;
            return HttpParseError.None;
        }

        if (_chunkSize > (ulong)(_maxBodySize - TotalLength))
        {
            return HttpParseError.BodyTooLarge;
        }

        // Counted when announced, so the cap holds before the data is even read.
        TotalLength += (long)_chunkSize;
        _chunkRemaining = (long)_chunkSize;
        _state = State.Data;
        return HttpParseError.None;
    }

    private static int HexValue(byte b) => b switch
    {
        >= (byte)'0' and <= (byte)'9' => b - '0',
        >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
        _ => -1,
    };

    private static bool IsInvalidFieldByte(byte b) => HttpCharacters.InvalidFieldValue.Contains(b);
}
