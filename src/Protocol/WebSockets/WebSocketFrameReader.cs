using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using SocketIo.Protocol.Text;

namespace SocketIo.Protocol.WebSockets;

/// <summary>
/// Incremental reader of client-to-server frames (RFC 6455 §5): checks every frame header, unmasks data
/// payloads into a caller-owned message buffer as they arrive, assembles fragmented messages, validates text
/// as UTF-8 across fragments, and surfaces control frames (which may sit between fragments) at once.
/// </summary>
/// <remarks>
/// <para>No I/O: the caller feeds whatever bytes it has through a <see cref="SequenceReader{T}"/> and calls
/// <see cref="Read"/> until it returns <see cref="WebSocketReadStatus.NeedMoreData"/>, then keeps the unread
/// bytes (the reader's position) and appends the next bytes behind them — exactly the PipeReader
/// <c>AdvanceTo(consumed, examined: end)</c> pattern. Data payloads are consumed as soon as they arrive; only
/// an incomplete frame header (at most 14 bytes) or an incomplete control frame (at most 139 bytes) is
/// left unread, so memory stays bounded however the bytes are split.</para>
/// <para>Data payloads are unmasked straight from the input into the message buffer in one pass, so the
/// copy out of the receive buffer is fused with the unmasking that has to touch every byte anyway. After a
/// <see cref="WebSocketReadStatus.TextMessage"/> or <see cref="WebSocketReadStatus.BinaryMessage"/> the
/// message is everything written to the buffer since the previous message; the caller clears the buffer.</para>
/// <para>A class rather than a struct because it owns the 125-byte control payload buffer (as ManagedWebSocket
/// owns its small receive buffer): one object of about 200 bytes per connection, nothing rented while idle.</para>
/// <para>Thread safety: none; one reader per connection, used by its receive loop only. Never throws on bad
/// input: a protocol violation returns <see cref="WebSocketReadStatus.Invalid"/> with an
/// <see cref="Error"/> and stays invalid.</para>
/// </remarks>
internal sealed class WebSocketFrameReader
{
    private readonly long _maxMessageSize;

    // The data frame whose payload is being read.
    private bool _inDataPayload;
    private bool _frameIsFinal;
    private long _frameRemaining;
    private long _framePayloadOffset;
    private uint _frameMaskKey;

    // The message being assembled; Continuation means none.
    private WebSocketOpcode _messageOpcode;
    private long _messageLength;
    private Utf8IncrementalValidator _utf8;

    private bool _closed;
    private int _controlLength;
    private byte[]? _controlPayload;

    /// <summary>Creates a reader that fails messages longer than <paramref name="maxMessageSize"/> bytes with 1009.</summary>
    public WebSocketFrameReader(long maxMessageSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxMessageSize);
        _maxMessageSize = maxMessageSize;
    }

    /// <summary>The limit on a message's total payload, in bytes.</summary>
    public long MaxMessageSize => _maxMessageSize;

    /// <summary>Why the reader returned <see cref="WebSocketReadStatus.Invalid"/>; <see cref="WebSocketFrameError.None"/> before that.</summary>
    public WebSocketFrameError Error { get; private set; }

    /// <summary>The Close code to fail the connection with after <see cref="WebSocketReadStatus.Invalid"/>.</summary>
    public ushort FailureCloseCode => Error.ToCloseCode();

    /// <summary>True while a fragmented message has started but not finished.</summary>
    public bool IsMessageInProgress => _messageOpcode != WebSocketOpcode.Continuation;

    /// <summary>Unmasked payload of the last Ping, Pong or Close; valid until the next call to <see cref="Read"/>.</summary>
    public ReadOnlySpan<byte> ControlPayload => _controlPayload.AsSpan(0, _controlLength);

    /// <summary>
    /// Code of the received Close; <see cref="WebSocketCloseCode.NoStatusReceived"/> (1005) when it carried none.
    /// </summary>
    public ushort CloseCode { get; private set; }

    /// <summary>UTF-8 reason of the received Close (possibly empty).</summary>
    public ReadOnlySpan<byte> CloseReason => _controlLength > WebSocketProtocol.CloseCodeLength
        ? ControlPayload[WebSocketProtocol.CloseCodeLength..]
        : default;

    /// <summary>
    /// Consumes frames from <paramref name="input"/> until it has something to report, writing data payloads
    /// (unmasked) to <paramref name="message"/>. Leaves <paramref name="input"/> positioned after the last
    /// byte it used.
    /// </summary>
    public WebSocketReadStatus Read(ref SequenceReader<byte> input, IBufferWriter<byte> message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (Error != WebSocketFrameError.None)
        {
            return WebSocketReadStatus.Invalid;
        }

        if (_closed)
        {
            // RFC 6455 §5.5.1: after a Close the peer sends no more data; whatever arrives is ignored.
            input.AdvanceToEnd();
            return WebSocketReadStatus.NeedMoreData;
        }

        while (true)
        {
            if (_inDataPayload)
            {
                if (!ReadDataPayload(ref input, message))
                {
                    return Error != WebSocketFrameError.None ? WebSocketReadStatus.Invalid : WebSocketReadStatus.NeedMoreData;
                }

                if (_frameIsFinal)
                {
                    return CompleteMessage();
                }
            }

            var status = ReadFrameStart(ref input);
            if (status != WebSocketReadStatus.NeedMoreData || !_inDataPayload)
            {
                return status;
            }
        }
    }

    /// <summary>
    /// Parses the next header. Starts a data payload (returns NeedMoreData with <see cref="_inDataPayload"/>
    /// set), returns a whole control frame, or returns NeedMoreData without consuming anything.
    /// </summary>
    private WebSocketReadStatus ReadFrameStart(ref SequenceReader<byte> input)
    {
        Span<byte> copy = stackalloc byte[WebSocketProtocol.MaxClientHeaderLength];
        scoped var header = input.UnreadSpan;
        if (header.Length < WebSocketProtocol.MaxClientHeaderLength && header.Length < input.Remaining)
        {
            // The header straddles segments: look at it through a small copy.
            header = copy[..(int)Math.Min(copy.Length, input.Remaining)];
            input.TryCopyTo(copy[..header.Length]);
        }

        if (header.IsEmpty)
        {
            return WebSocketReadStatus.NeedMoreData;
        }

        // Check each byte as soon as it is here, so a bad frame fails before the rest of it arrives.
        var first = header[0];
        var opcode = (WebSocketOpcode)(first & WebSocketProtocol.OpcodeBits);
        var isFinal = (first & WebSocketProtocol.FinBit) != 0;
        var isControl = (byte)opcode >= WebSocketProtocol.FirstControlOpcode;
        if ((first & WebSocketProtocol.ReservedBits) != 0)
        {
            return Fail(WebSocketFrameError.ReservedBitsSet);
        }

        if (opcode is not (WebSocketOpcode.Continuation or WebSocketOpcode.Text or WebSocketOpcode.Binary
            or WebSocketOpcode.Close or WebSocketOpcode.Ping or WebSocketOpcode.Pong))
        {
            return Fail(WebSocketFrameError.ReservedOpcode);
        }

        if (isControl && !isFinal)
        {
            return Fail(WebSocketFrameError.FragmentedControlFrame);
        }

        if (opcode == WebSocketOpcode.Continuation && !IsMessageInProgress)
        {
            return Fail(WebSocketFrameError.UnexpectedContinuation);
        }

        if (opcode is WebSocketOpcode.Text or WebSocketOpcode.Binary && IsMessageInProgress)
        {
            return Fail(WebSocketFrameError.ExpectedContinuation);
        }

        if (header.Length < 2)
        {
            return WebSocketReadStatus.NeedMoreData;
        }

        var second = header[1];
        if ((second & WebSocketProtocol.MaskBit) == 0)
        {
            return Fail(WebSocketFrameError.UnmaskedFrame);
        }

        var shortLength = second & WebSocketProtocol.LengthBits;
        if (isControl && shortLength > WebSocketProtocol.MaxControlPayloadLength)
        {
            return Fail(WebSocketFrameError.ControlFrameTooLong);
        }

        var extendedLengthSize = shortLength switch
        {
            WebSocketProtocol.SixteenBitLengthMarker => sizeof(ushort),
            WebSocketProtocol.SixtyFourBitLengthMarker => sizeof(ulong),
            _ => 0,
        };
        if (header.Length < 2 + extendedLengthSize)
        {
            return WebSocketReadStatus.NeedMoreData;
        }

        long length = shortLength;
        if (extendedLengthSize == sizeof(ushort))
        {
            length = BinaryPrimitives.ReadUInt16BigEndian(header[2..]);
            if (length <= WebSocketProtocol.MaxSevenBitLength)
            {
                return Fail(WebSocketFrameError.NonMinimalLength);
            }
        }
        else if (extendedLengthSize == sizeof(ulong))
        {
            var wide = BinaryPrimitives.ReadUInt64BigEndian(header[2..]);
            if (wide > long.MaxValue)
            {
                return Fail(WebSocketFrameError.LengthHighBitSet);
            }

            length = (long)wide;
            if (length <= ushort.MaxValue)
            {
                return Fail(WebSocketFrameError.NonMinimalLength);
            }
        }

        // Apply the limit to the running total at each header, before any of the payload is read.
        if (!isControl && length > _maxMessageSize - _messageLength)
        {
            return Fail(WebSocketFrameError.MessageTooBig);
        }

        var headerLength = 2 + extendedLengthSize + WebSocketProtocol.MaskLength;
        if (header.Length < headerLength)
        {
            return WebSocketReadStatus.NeedMoreData;
        }

        var maskKey = WebSocketMask.ReadKey(header.Slice(headerLength - WebSocketProtocol.MaskLength));
        if (isControl)
        {
            return ReadControlFrame(ref input, opcode, headerLength, (int)length, maskKey);
        }

        input.Advance(headerLength);
        if (opcode != WebSocketOpcode.Continuation)
        {
            _messageOpcode = opcode;
            _messageLength = 0;
            _utf8.Reset();
        }

        _inDataPayload = true;
        _frameIsFinal = isFinal;
        _frameRemaining = length;
        _framePayloadOffset = 0;
        _frameMaskKey = maskKey;
        return WebSocketReadStatus.NeedMoreData;
    }

    private WebSocketReadStatus ReadControlFrame(ref SequenceReader<byte> input, WebSocketOpcode opcode, int headerLength, int length, uint maskKey)
    {
        // Control frames are small (at most 139 bytes with header); wait until one is here whole.
        if (input.Remaining < headerLength + length)
        {
            return WebSocketReadStatus.NeedMoreData;
        }

        input.Advance(headerLength);
        // Created on the first control frame: most connections never get one, and an idle connection should
        // not carry 125 bytes for it.
        _controlPayload ??= new byte[WebSocketProtocol.MaxControlPayloadLength];
        var payload = _controlPayload.AsSpan(0, length);
        input.TryCopyTo(payload);
        input.Advance(length);
        WebSocketMask.Apply(payload, maskKey, 0);
        _controlLength = length;

        switch (opcode)
        {
            case WebSocketOpcode.Ping:
                return WebSocketReadStatus.Ping;
            case WebSocketOpcode.Pong:
                return WebSocketReadStatus.Pong;
            default:
                var error = WebSocketClosePayload.Parse(payload, out var code, out _);
                if (error != WebSocketFrameError.None)
                {
                    return Fail(error);
                }

                CloseCode = code;
                _closed = true;
                return WebSocketReadStatus.Close;
        }
    }

    /// <summary>Copies and unmasks as much of the current data payload as is here. False when more is needed or on error.</summary>
    private bool ReadDataPayload(ref SequenceReader<byte> input, IBufferWriter<byte> message)
    {
        var isText = _messageOpcode == WebSocketOpcode.Text;
        while (_frameRemaining > 0)
        {
            if (input.End)
            {
                return false;
            }

            var available = input.UnreadSpan;
            var source = available[..(int)Math.Min(available.Length, _frameRemaining)];
            while (!source.IsEmpty)
            {
                var destination = message.GetSpan(source.Length);
                var count = Math.Min(destination.Length, source.Length);
                destination = destination[..count];
                WebSocketMask.Apply(source[..count], destination, _frameMaskKey, _framePayloadOffset);
                if (isText && !_utf8.Append(destination))
                {
                    Fail(WebSocketFrameError.InvalidUtf8);
                    return false;
                }

                message.Advance(count);
                source = source[count..];
                _framePayloadOffset += count;
                _frameRemaining -= count;
                _messageLength += count;
                input.Advance(count);
            }
        }

        _inDataPayload = false;
        return true;
    }

    private WebSocketReadStatus CompleteMessage()
    {
        var opcode = _messageOpcode;
        if (opcode == WebSocketOpcode.Text && !_utf8.IsCompleteAndValid)
        {
            return Fail(WebSocketFrameError.InvalidUtf8);
        }

        _messageOpcode = WebSocketOpcode.Continuation;
        _messageLength = 0;
        return opcode == WebSocketOpcode.Text ? WebSocketReadStatus.TextMessage : WebSocketReadStatus.BinaryMessage;
    }

    private WebSocketReadStatus Fail(WebSocketFrameError error)
    {
        Error = error;
        return WebSocketReadStatus.Invalid;
    }
}
