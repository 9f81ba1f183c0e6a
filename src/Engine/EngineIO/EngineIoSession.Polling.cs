using SocketIo.Engine.Buffers;
using SocketIo.Engine.Http;
using SocketIo.Protocol.EngineIO;
using SocketIo.Protocol.Http;

namespace SocketIo.Engine.EngineIO;

internal sealed partial class EngineIoSession
{
    // The poll response is built here and copied once into the HTTP response frame; one per thread, emptied after use.
    [ThreadStatic]
    private static GrowableBuffer? t_payload;

    /// <summary>A polling GET (PROTOCOL.md 1.5): answered at once with what is buffered, or held until a packet comes.</summary>
    internal ValueTask HandlePollAsync(HttpContext context)
    {
        PendingPoll? held = null;
        var closed = false;
        lock (Gate)
        {
            if (_state == SessionState.Closed)
            {
                _server.RespondError(context, EngineIOErrorCode.UnknownSid, isUpgrade: false);
            }
            else if (_transport != EngineIoTransports.Polling)
            {
                // Upgraded after the dispatcher looked: a transport mismatch after all.
                _server.RespondError(context, EngineIOErrorCode.BadRequest, isUpgrade: false);
            }
            else if (_pendingPoll is not null)
            {
                // A second concurrent GET: the reference closes the session; the held one gets a close packet.
                _server.AddResponseHeaders(context);
                context.Respond(400, default, default);
                closed = CloseLocked(EngineIoCloseReason.TransportError);
            }
            else if (_state == SessionState.Closing && _buffer is { Count: > 0 })
            {
                // Like the reference, a server close waits for the buffer to drain: these packets go out alone and the
                // close packet on the next poll. In one payload the client would see the transport close before the
                // packets (socket.io-client defers decoded packets by a tick), losing e.g. a DISCONNECT's reason.
                RespondPayloadLocked(context, default, includeBuffered: true);
            }
            else if (_state == SessionState.Closing)
            {
                // A server close was waiting for this poll (PROTOCOL.md 1.9).
                RespondPayloadLocked(context, "6\u001e1"u8, includeBuffered: false);
                closed = CloseLocked(_closeReason);
            }
            else if (_buffer is { Count: > 0 })
            {
                RespondPayloadLocked(context, default, includeBuffered: true);
            }
            else if (_upgrade == UpgradeState.Probed)
            {
                // Upgrading: polling must not hang, or the client could never pause it and send 5 (PROTOCOL.md 1.7).
                RespondPayloadLocked(context, "6"u8, includeBuffered: false);
            }
            else
            {
                held = new PendingPoll(this, context);
                _pendingPoll = held;
                held.AbortRegistration = context.RequestAborted.UnsafeRegister(static state => ((PendingPoll)state!).Session.OnPollAborted((PendingPoll)state), held);
            }
        }

        if (closed)
        {
            NotifyClosed();
        }

        return held is null ? ValueTask.CompletedTask : new ValueTask(held.Task);
    }

    /// <summary>A polling POST (PROTOCOL.md 1.5): a payload of packets, answered <c>ok</c>.</summary>
    internal void HandleData(HttpContext context)
    {
        var closed = false;
        var contentType = context.Request.GetValue(HttpKnownHeader.ContentType);
        lock (Gate)
        {
            if (_state == SessionState.Closed)
            {
                _server.RespondError(context, EngineIOErrorCode.UnknownSid, isUpgrade: false);
                return;
            }

            if (_transport != EngineIoTransports.Polling)
            {
                _server.RespondError(context, EngineIOErrorCode.BadRequest, isUpgrade: false);
                return;
            }

            if (_postInFlight || contentType.StartsWith("application/octet-stream"u8))
            {
                // A concurrent POST, or a binary body (v3 only): both are transport errors in v4.
                _server.AddResponseHeaders(context);
                context.Respond(400, default, default);
                closed = CloseLocked(EngineIoCloseReason.TransportError);
            }
            else
            {
                _postInFlight = true;
            }
        }

        if (closed)
        {
            NotifyClosed();
            return;
        }

        try
        {
            ProcessPayload(context);
        }
        finally
        {
            lock (Gate)
            {
                _postInFlight = false;
            }
        }
    }

    // The reader's scratch needs no zeroing.
    [System.Runtime.CompilerServices.SkipLocalsInit]
    private void ProcessPayload(HttpContext context)
    {
        var body = context.Body;
        if (body.Length > _options.MaxPayload)
        {
            // The reference drops the body and keeps the session.
            _server.AddResponseHeaders(context);
            context.Respond(413, default, default);
            return;
        }

        var bytes = body.IsSingleSegment ? body.FirstSpan : System.Buffers.BuffersExtensions.ToArray(body);
        var reader = new EngineIOPayloadReader(bytes, stackalloc ulong[EngineIOPayloadReader.ScratchLength]);
        var stopped = false;
        while (!stopped && reader.MoveNext())
        {
            stopped = !OnPacket(reader.Current);
        }

        // A bad part, or a b... part whose base64 did not decode (found while delivering it).
        if (reader.Error != EngineIOParseError.None || (stopped && HasClosedWith(EngineIoCloseReason.ParseError)))
        {
            Close(EngineIoCloseReason.ParseError);
            _server.AddResponseHeaders(context);
            context.Respond(400, default, default);
            return;
        }

        _server.AddResponseHeaders(context);
        context.AddHeader("Cache-Control"u8, "no-store"u8);
        context.Respond(200, "text/html"u8, "ok"u8);
    }

    private bool HasClosedWith(EngineIoCloseReason reason)
    {
        lock (Gate)
        {
            return _state == SessionState.Closed && _closeReason == reason;
        }
    }

    private void OnPollAborted(PendingPoll poll)
    {
        bool closed;
        lock (Gate)
        {
            if (_pendingPoll != poll)
            {
                return;
            }

            _pendingPoll = null;
            poll.TrySetResult();
            closed = CloseLocked(EngineIoCloseReason.TransportError);
        }

        if (closed)
        {
            NotifyClosed();
        }
    }

    /// <summary>
    /// Answers <paramref name="poll"/> with the buffered packets (up to maxPayload bytes, unless closing) followed by
    /// <paramref name="trailer"/> (already encoded packets such as <c>1</c>), then releases its request handler.
    /// </summary>
    private void RespondPollLocked(PendingPoll poll, ReadOnlySpan<byte> trailer, bool includeBuffered)
    {
        poll.AbortRegistration.Unregister();
        RespondPayloadLocked(poll.Context, trailer, includeBuffered);
        poll.TrySetResult();
    }

    /// <summary>Answers a poll with the buffered packets and <paramref name="trailer"/>; see <see cref="RespondPollLocked"/>.</summary>
    private void RespondPayloadLocked(HttpContext context, ReadOnlySpan<byte> trailer, bool includeBuffered)
    {
        var output = t_payload ??= new GrowableBuffer();
        var writer = new EngineIOPayloadWriter(output, trailer.IsEmpty ? _options.MaxPayload : long.MaxValue);
        while (includeBuffered && _buffer is not null && _buffer.TryPeek(out var packet))
        {
            var appended = packet.IsBinary ? writer.TryAppendBinary(packet.Payload) : writer.TryAppendEncoded(packet.Payload);
            if (!appended)
            {
                break;
            }

            _buffer.Dequeue();
            _bufferedBytes -= packet.PollingLength;
            packet.Release();
        }

        if (!trailer.IsEmpty)
        {
            if (writer.Count > 0)
            {
                output.GetSpan(1)[0] = EngineIOPayloadReader.Separator;
                output.Advance(1);
            }

            trailer.CopyTo(output.GetSpan(trailer.Length));
            output.Advance(trailer.Length);
        }

        _server.AddResponseHeaders(context);
        context.AddHeader("Cache-Control"u8, "no-store"u8);
        context.Respond(200, "text/plain; charset=UTF-8"u8, output.WrittenSpan);
        output.Reset();
    }
}
