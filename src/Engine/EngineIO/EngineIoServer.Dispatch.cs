using System.Buffers;
using System.Text;
using SocketIo.Engine.Http;
using SocketIo.Protocol.EngineIO;
using SocketIo.Protocol.Http;

namespace SocketIo.Engine.EngineIO;

internal sealed partial class EngineIoServer : IHttpApplication
{
    // A sid longer than this cannot be one of ours (they are 20 characters).
    private const int MaxSidLength = 64;

    /// <summary>
    /// Handles one request in the reference's order (PROTOCOL.md 1.2): CORS and preflight, transport, Origin, then
    /// the session's poll, data or upgrade request, or a handshake. A request whose path does not match is left
    /// unanswered (the HTTP layer answers 404).
    /// </summary>
    public ValueTask HandleAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        if (!IsMatch(request.Path))
        {
            return ValueTask.CompletedTask;
        }

        if (Options.Cors is not null && request.Method == HttpRequestMethod.Options)
        {
            RespondPreflight(context);
            return ValueTask.CompletedTask;
        }

        var isUpgrade = request.IsWebSocketUpgrade;
        var query = request.Query;
        var transport = ParseTransport(query);
        if (transport == EngineIoTransports.None)
        {
            RespondError(context, EngineIOErrorCode.TransportUnknown, isUpgrade);
            return ValueTask.CompletedTask;
        }

        if (request.TryGetValue(HttpKnownHeader.Origin, out var origin) && HasInvalidOriginCharacter(origin))
        {
            RespondError(context, EngineIOErrorCode.BadRequest, isUpgrade);
            return ValueTask.CompletedTask;
        }

        if (HttpQuery.TryGetRawValue(query, "sid"u8, out var rawSid))
        {
            return HandleSessionRequest(context, rawSid, transport, isUpgrade);
        }

        if (request.Method != HttpRequestMethod.Get)
        {
            RespondError(context, EngineIOErrorCode.BadHandshakeMethod, isUpgrade);
            return ValueTask.CompletedTask;
        }

        if (transport == EngineIoTransports.WebSocket && !isUpgrade)
        {
            RespondError(context, EngineIOErrorCode.BadRequest, isUpgrade);
            return ValueTask.CompletedTask;
        }

        if (Options.AllowRequest is { } allowRequest)
        {
            return HandshakeAfterAllowRequestAsync(context, allowRequest, transport, isUpgrade);
        }

        FinishHandshake(context, transport, isUpgrade);
        return ValueTask.CompletedTask;
    }

    private ValueTask HandleSessionRequest(HttpContext context, ReadOnlySpan<byte> rawSid, EngineIoTransports transport, bool isUpgrade)
    {
        if (!TryFindSession(rawSid, out var session))
        {
            RespondError(context, EngineIOErrorCode.UnknownSid, isUpgrade);
            return ValueTask.CompletedTask;
        }

        if (isUpgrade)
        {
            AcceptUpgrade(context, session);
            return ValueTask.CompletedTask;
        }

        if (transport != session.Transport)
        {
            RespondError(context, EngineIOErrorCode.BadRequest, isUpgrade);
            return ValueTask.CompletedTask;
        }

        switch (context.Request.Method)
        {
            case HttpRequestMethod.Get:
                return session.HandlePollAsync(context);
            case HttpRequestMethod.Post:
                session.HandleData(context);
                return ValueTask.CompletedTask;
            default:
                AddCorsHeaders(context);
                context.Respond(500, default, default);
                return ValueTask.CompletedTask;
        }
    }

    private async ValueTask HandshakeAfterAllowRequestAsync(HttpContext context, Func<HttpContext, ValueTask<string?>> allowRequest, EngineIoTransports transport, bool isUpgrade)
    {
        var refusal = await allowRequest(context).ConfigureAwait(false);
        if (refusal is not null)
        {
            RespondError(context, EngineIOErrorCode.Forbidden, isUpgrade, refusal.Length == 0 ? null : refusal);
            return;
        }

        FinishHandshake(context, transport, isUpgrade);
    }

    private void FinishHandshake(HttpContext context, EngineIoTransports transport, bool isUpgrade)
    {
        if (!HttpQuery.ValueEquals(context.Request.Query, "EIO"u8, "4"u8))
        {
            RespondError(context, EngineIOErrorCode.UnsupportedProtocolVersion, isUpgrade);
            return;
        }

        var session = CreateSession(transport);
        var upgrades = transport == EngineIoTransports.Polling && Options.AllowUpgrades && Options.Transports.HasFlag(EngineIoTransports.WebSocket)
            ? EngineIOUpgrades.WebSocket
            : EngineIOUpgrades.None;
        var open = new EngineIOOpenPacket(
            session.Id, upgrades, (long)Options.PingInterval.TotalMilliseconds, (long)Options.PingTimeout.TotalMilliseconds, Options.MaxPayload);
        Span<byte> openBytes = stackalloc byte[open.GetEncodedLength()];
        open.Write(openBytes);

        Options.InitialHeaders?.Invoke(context);
        if (Options.Cookie is { } cookie)
        {
            context.AddHeader("Set-Cookie"u8, cookie.Format(session.Id));
        }

        if (transport == EngineIoTransports.Polling)
        {
            // The handler learns of the session before the client can talk on it.
            OpenSession(session, context);
            AddResponseHeaders(context);
            context.AddHeader("Cache-Control"u8, "no-store"u8);
            context.Respond(200, "text/plain; charset=UTF-8"u8, openBytes);
        }
        else
        {
            Options.Headers?.Invoke(context);
            var webSocket = context.AcceptWebSocket(EngineIoWebSocketHandler.Instance, Options.MaxPayload);
            if (webSocket is null)
            {
                Remove(session);
                return;
            }

            webSocket.State = session;
            session.AttachWebSocket(webSocket);
            webSocket.SendText(openBytes);

            // Messages are read only after this request returns, so none can precede OnOpen.
            OpenSession(session, context);
        }

        session.StartHeartbeat();
    }

    private void OpenSession(EngineIoSession session, HttpContext context)
    {
        session.OpeningRequest = context;
        try
        {
            Handler.OnOpen(session);
        }
        finally
        {
            session.OpeningRequest = null;
        }
    }

    private void AcceptUpgrade(HttpContext context, EngineIoSession session)
    {
        Options.Headers?.Invoke(context);
        var webSocket = context.AcceptWebSocket(EngineIoWebSocketHandler.Instance, Options.MaxPayload);
        if (webSocket is null)
        {
            return;
        }

        webSocket.State = session;
        if (!session.TryBeginUpgrade(webSocket))
        {
            // Already upgraded or upgrading (or closing): the reference closes the new WebSocket at once.
            webSocket.State = null;
            webSocket.CloseWithoutCode();
        }
    }

    private bool TryFindSession(ReadOnlySpan<byte> rawSid, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out EngineIoSession? session)
    {
        session = null;
        Span<byte> bytes = stackalloc byte[MaxSidLength];
        if (!HttpQuery.TryDecode(rawSid, bytes, out var length))
        {
            return false;
        }

        Span<char> chars = stackalloc char[MaxSidLength];
        for (var i = 0; i < length; i++)
        {
            chars[i] = (char)bytes[i];
        }

        return TryGetSession(chars[..length], out session);
    }

    private EngineIoTransports ParseTransport(ReadOnlySpan<byte> query)
    {
        EngineIoTransports transport;
        if (HttpQuery.ValueEquals(query, "transport"u8, "polling"u8))
        {
            transport = EngineIoTransports.Polling;
        }
        else if (HttpQuery.ValueEquals(query, "transport"u8, "websocket"u8))
        {
            transport = EngineIoTransports.WebSocket;
        }
        else
        {
            return EngineIoTransports.None;
        }

        return (Options.Transports & transport) != 0 ? transport : EngineIoTransports.None;
    }

    // The reference rejects control characters other than HTAB, and DEL.
    private static bool HasInvalidOriginCharacter(ReadOnlySpan<byte> origin)
    {
        foreach (var b in origin)
        {
            if ((b < 0x20 && b != 0x09) || b == 0x7F)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Answers an Engine.IO error: <c>{"code":N,"message":"..."}</c> as JSON with 400 (403 for code 4) and CORS
    /// headers, or, on a WebSocket upgrade request, the reference's raw 400 text/html and a closed connection.
    /// </summary>
    internal void RespondError(HttpContext context, EngineIOErrorCode code, bool isUpgrade, string? message = null)
    {
        message ??= EngineIOErrors.GetMessage(code);
        if (isUpgrade)
        {
            context.CloseAfterResponse = true;
            context.Respond(400, "text/html"u8, Encoding.UTF8.GetBytes(message));
            return;
        }

        var body = new ArrayBufferWriter<byte>(EngineIOErrors.GetBodyLength(code, message));
        EngineIOErrors.WriteBody(body, code, message);
        AddCorsHeaders(context);
        context.Respond(EngineIOErrors.GetHttpStatusCode(code), "application/json"u8, body.WrittenSpan);
    }

    /// <summary>The headers of every handshake, poll and data response: CORS, then the application's hook.</summary>
    internal void AddResponseHeaders(HttpContext context)
    {
        AddCorsHeaders(context);
        Options.Headers?.Invoke(context);
    }
}
