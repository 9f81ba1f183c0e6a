using System.Buffers;
using System.IO.Pipelines;
using SocketIo.Engine.Buffers;
using SocketIo.Engine.Transport;
using SocketIo.Protocol.WebSockets;

namespace SocketIo.Engine.WebSockets;

/// <summary>
/// A server-side WebSocket over a transport connection: the read loop (frames → messages, pings answered,
/// close handshake) and the send side (data frames queued on the connection).
/// </summary>
/// <remarks>
/// Thread safety: sending is safe from any thread (the transport's send queue is multi-producer); the read
/// loop runs on one flow. After a Close was sent no more data frames go out (RFC 6455 §5.5.1).
/// </remarks>
internal sealed class WebSocketConnection : IConnectionHandler
{
    private readonly IWebSocketHandler _handler;
    private readonly WebSocketFrameReader _reader;
    private readonly TimeSpan _closeTimeout;
    private int _closeSent;

    internal WebSocketConnection(TransportConnection transport, IWebSocketHandler handler, long maxMessageSize, TimeSpan closeTimeout)
    {
        Transport = transport;
        _handler = handler;
        _reader = new WebSocketFrameReader(maxMessageSize);
        _closeTimeout = closeTimeout;
    }

    /// <summary>The underlying connection (backpressure state, counters, endpoints).</summary>
    public TransportConnection Transport { get; }

    /// <summary>True once this side sent a Close frame; data sends are refused from then on.</summary>
    public bool IsClosing => Volatile.Read(ref _closeSent) != 0;

    /// <summary>An opaque slot for the layer above (for example its session), so it needs no lookup table.</summary>
    public object? State { get; set; }

    /// <summary>Frames <paramref name="payload"/> as one text message and queues it.</summary>
    public EnqueueResult SendText(ReadOnlySpan<byte> payload) => SendFrame(WebSocketOpcode.Text, payload);

    /// <summary>Frames <paramref name="payload"/> as one binary message and queues it.</summary>
    public EnqueueResult SendBinary(ReadOnlySpan<byte> payload) => SendFrame(WebSocketOpcode.Binary, payload);

    /// <summary>Queues an already framed message (for example a broadcast framed once for every recipient).</summary>
    public EnqueueResult SendFramed(SharedFrame frame) =>
        IsClosing ? EnqueueResult.RejectedClosed : Transport.Enqueue(frame);

    /// <summary>Reads what <see cref="SendFramed"/> reads first; returns the transport it would queue on (a cache-warming hint).</summary>
    internal TransportConnection? WarmSendPath() => IsClosing ? null : Transport;

    /// <summary>
    /// Starts the closing handshake: sends Close with <paramref name="code"/> and waits (at most the close
    /// timeout) for the peer's Close, after which the read loop ends and the TCP connection closes.
    /// </summary>
    public void Close(ushort code = WebSocketCloseCode.NormalClosure, ReadOnlySpan<byte> reason = default)
    {
        if (SendClose(code, reason, withCode: true))
        {
            Transport.SetDeadline(_closeTimeout);
        }
    }

    /// <summary>Closes with a Close frame that carries no status code (what the Engine.IO reference sends).</summary>
    public void CloseWithoutCode()
    {
        if (SendClose(0, default, withCode: false))
        {
            Transport.SetDeadline(_closeTimeout);
        }
    }

    private EnqueueResult SendFrame(WebSocketOpcode opcode, ReadOnlySpan<byte> payload)
    {
        if (IsClosing)
        {
            return EnqueueResult.RejectedClosed;
        }

        var length = (int)WebSocketFrameWriter.GetFrameLength(payload.Length);
        var frame = SharedFramePool.Shared.Rent(length);
        WebSocketFrameWriter.WriteFrame(frame, opcode, payload);
        var result = Transport.Enqueue(frame);
        frame.Release();
        return result;
    }

    private bool SendClose(ushort code, ReadOnlySpan<byte> reason, bool withCode)
    {
        if (Interlocked.Exchange(ref _closeSent, 1) != 0)
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[WebSocketProtocol.MaxControlPayloadLength + 4];
        var written = withCode
            ? WebSocketFrameWriter.WriteClose(bytes, code, reason[..Math.Min(reason.Length, WebSocketProtocol.MaxControlPayloadLength - 2)])
            : WebSocketFrameWriter.WriteFrame(bytes, WebSocketOpcode.Close, default);
        Transport.Write(bytes[..written]);
        return true;
    }

    private void SendPong(ReadOnlySpan<byte> payload)
    {
        if (!IsClosing)
        {
            Span<byte> pong = stackalloc byte[WebSocketProtocol.MaxControlPayloadLength + 2];
            Transport.Write(pong[..WebSocketFrameWriter.WriteFrame(pong, WebSocketOpcode.Pong, payload)]);
        }
    }

    /// <inheritdoc />
    ValueTask<IConnectionHandler?> IConnectionHandler.OnConnectedAsync(TransportConnection connection) => new(RunAsync(connection.Input));

    /// <summary>A graceful server shutdown says goodbye with 1001 Going Away.</summary>
    void IConnectionHandler.OnShutdownRequested(TransportConnection connection) => Close(WebSocketCloseCode.GoingAway);

    /// <summary>The read loop; returns (null: nothing runs next) when the WebSocket is over (the transport then flushes and closes TCP).</summary>
    internal async Task<IConnectionHandler?> RunAsync(PipeReader input)
    {
        var message = new GrowableBuffer();
        var closeCode = WebSocketCloseCode.AbnormalClosure;
        // Sends caused by the messages of one read leave together when the read is used up (see SendBatch);
        // the batch is closed around every await that really waits, so it never spans threads.
        SendBatch.Begin();
        try
        {
            // After a delivered message the rest of the last read may hold more; only then is TryRead
            // useful (it returns unconsumed bytes at once, so after NeedMoreData it would spin).
            var mayHaveMore = false;
            while (true)
            {
                ReadResult result = default;
                if (!mayHaveMore || !input.TryRead(out result))
                {
                    SendBatch.End();
                    try
                    {
                        result = await input.ReadAsync().ConfigureAwait(false);
                    }
                    finally
                    {
                        SendBatch.Begin();
                    }
                }

                var buffer = result.Buffer;
                var done = false;
                var position = Consume(buffer, message, ref closeCode, ref done, out var delivery);
                mayHaveMore = delivery != WebSocketReadStatus.NeedMoreData;
                if (mayHaveMore)
                {
                    // A complete message: hand it up before the rest of the buffer is read, so the handler
                    // sees messages in order and the buffer is reused for the next one.
                    input.AdvanceTo(position);
                    if (IsClosing)
                    {
                        // RFC 6455 §1.4: after sending Close, data from the peer is read and discarded.
                        message.Reset();
                        continue;
                    }

                    try
                    {
                        var handling = _handler.OnMessageAsync(this, delivery == WebSocketReadStatus.TextMessage, new ReadOnlySequence<byte>(message.WrittenMemory));
                        if (handling.IsCompletedSuccessfully)
                        {
                            handling.GetAwaiter().GetResult();
                        }
                        else
                        {
                            SendBatch.End();
                            try
                            {
                                await handling.ConfigureAwait(false);
                            }
                            finally
                            {
                                SendBatch.Begin();
                            }
                        }
                    }
                    finally
                    {
                        message.Reset();
                    }

                    continue;
                }

                input.AdvanceTo(position, buffer.End);
                if (done)
                {
                    return null;
                }

                if (result.IsCompleted || result.IsCanceled)
                {
                    closeCode = WebSocketCloseCode.AbnormalClosure;
                    return null;
                }
            }
        }
        finally
        {
            SendBatch.End();
            message.Dispose();
            _handler.OnClosed(this, closeCode);
        }
    }

    /// <summary>
    /// Reads frames from <paramref name="buffer"/> until it is used up, a message is complete
    /// (<paramref name="delivery"/>), or the WebSocket is over (<paramref name="done"/>).
    /// </summary>
    private SequencePosition Consume(in ReadOnlySequence<byte> buffer, GrowableBuffer message, ref ushort closeCode, ref bool done, out WebSocketReadStatus delivery)
    {
        var reader = new SequenceReader<byte>(buffer);
        delivery = WebSocketReadStatus.NeedMoreData;
        while (true)
        {
            switch (_reader.Read(ref reader, message))
            {
                case WebSocketReadStatus.NeedMoreData:
                    return reader.Position;
                case WebSocketReadStatus.TextMessage:
                    delivery = WebSocketReadStatus.TextMessage;
                    return reader.Position;
                case WebSocketReadStatus.BinaryMessage:
                    delivery = WebSocketReadStatus.BinaryMessage;
                    return reader.Position;
                case WebSocketReadStatus.Ping:
                    SendPong(_reader.ControlPayload);
                    break;
                case WebSocketReadStatus.Pong:
                    break;
                case WebSocketReadStatus.Close:
                    closeCode = _reader.CloseCode;
                    if (closeCode == WebSocketCloseCode.NoStatusReceived)
                    {
                        SendClose(0, default, withCode: false);
                    }
                    else
                    {
                        SendClose(closeCode, default, withCode: true);
                    }

                    done = true;
                    return buffer.End;
                default:
                    closeCode = _reader.FailureCloseCode;
                    SendClose(closeCode, default, withCode: true);
                    done = true;
                    return buffer.End;
            }
        }
    }
}
