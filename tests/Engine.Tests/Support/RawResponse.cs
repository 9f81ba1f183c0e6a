using System.Text;

namespace SocketIo.Engine.Tests.Support;

/// <summary>One HTTP response as read off the wire by <see cref="RawConnection"/>.</summary>
internal sealed record RawResponse(int Status, IReadOnlyList<KeyValuePair<string, string>> Headers, byte[] Body)
{
    public string BodyText => Encoding.UTF8.GetString(Body);

    /// <summary>The value of the one field named <paramref name="name"/> (any case); null when absent.</summary>
    public string? Header(string name) =>
        Headers.SingleOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;

    /// <summary>True when the Connection header lists <paramref name="token"/> (any case).</summary>
    public bool ConnectionHas(string token) =>
        Header("Connection")?.Split(',').Any(t => string.Equals(t.Trim(), token, StringComparison.OrdinalIgnoreCase)) == true;
}
