namespace SocketIo.Engine.EngineIO;

/// <summary>
/// The sticky-session cookie set on a handshake response (PROTOCOL.md 1.11):
/// <c>Set-Cookie: io=&lt;sid&gt;; Path=/; HttpOnly; SameSite=Lax</c> with the defaults.
/// </summary>
internal sealed record EngineIoCookieOptions
{
    /// <summary>Cookie name.</summary>
    public string Name { get; init; } = "io";

    /// <summary>Cookie path, or null for none.</summary>
    public string? Path { get; init; } = "/";

    /// <summary>Adds <c>HttpOnly</c>.</summary>
    public bool HttpOnly { get; init; } = true;

    /// <summary><c>SameSite</c> value (<c>Strict</c>, <c>Lax</c>, <c>None</c>), or null for none.</summary>
    public string? SameSite { get; init; } = "Lax";

    /// <summary>Builds the header value for <paramref name="sid"/>.</summary>
    internal string Format(string sid)
    {
        var value = $"{Name}={sid}";
        if (Path is not null)
        {
            value += $"; Path={Path}";
        }

        if (HttpOnly)
        {
            value += "; HttpOnly";
        }

        if (SameSite is not null)
        {
            value += $"; SameSite={SameSite}";
        }

        return value;
    }
}
