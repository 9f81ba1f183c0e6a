namespace SocketIo.Engine.EngineIO;

/// <summary>
/// Cross-origin settings, applied the way the reference's <c>cors</c> middleware does (PROTOCOL.md 1.11):
/// every Engine.IO response (errors included) carries the CORS headers, and a preflight <c>OPTIONS</c> is answered
/// 204 before Engine.IO sees it.
/// </summary>
internal sealed record EngineIoCorsOptions
{
    /// <summary>
    /// The allowed origin: <c>"*"</c> (any; the default), one fixed origin (sent as is, with <c>Vary: Origin</c>),
    /// or null to use <see cref="Origins"/> / <see cref="OriginPredicate"/> (the request's origin is echoed when allowed).
    /// </summary>
    public string? Origin { get; init; } = "*";

    /// <summary>Allowed origins, matched exactly (used when <see cref="Origin"/> is null).</summary>
    public IReadOnlyList<string>? Origins { get; init; }

    /// <summary>Decides whether a request origin is allowed (used when <see cref="Origin"/> is null).</summary>
    public Func<string, bool>? OriginPredicate { get; init; }

    /// <summary>Sends <c>Access-Control-Allow-Credentials: true</c>; with <c>"*"</c> the request origin is echoed instead.</summary>
    public bool Credentials { get; init; }

    /// <summary><c>Access-Control-Allow-Methods</c> of a preflight answer.</summary>
    public string Methods { get; init; } = "GET,HEAD,PUT,PATCH,POST,DELETE";

    /// <summary><c>Access-Control-Allow-Headers</c> of a preflight answer; null echoes <c>Access-Control-Request-Headers</c>.</summary>
    public string? AllowedHeaders { get; init; }

    /// <summary><c>Access-Control-Expose-Headers</c>, or null for none.</summary>
    public string? ExposedHeaders { get; init; }

    /// <summary><c>Access-Control-Max-Age</c> in seconds of a preflight answer, or null for none.</summary>
    public int? MaxAgeSeconds { get; init; }
}
