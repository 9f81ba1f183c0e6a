namespace SocketIo.Engine.Http;

/// <summary>
/// What the HTTP layer hands each request to. The application answers through the context
/// (<see cref="HttpContext.Respond"/>) or takes the connection over with
/// <see cref="HttpContext.AcceptWebSocket"/>; a request left unanswered gets 404.
/// </summary>
internal interface IHttpApplication
{
    /// <summary>Handles one request. The request head and body stay valid until the returned task completes.</summary>
    ValueTask HandleAsync(HttpContext context);
}
