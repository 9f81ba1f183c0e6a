using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using SocketIo.Protocol.SocketIO;

namespace SocketIo.Engine.SocketIO;

/// <summary>Settings of a <see cref="SocketIoServer"/>; defaults equal the reference's.</summary>
public sealed class SocketIoServerOptions
{
    /// <summary>How long a new connection may take to join its first namespace before it is closed (reference 45 s).</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromMilliseconds(45_000);

    /// <summary>The most binary attachments one incoming packet may announce (reference 10).</summary>
    public int MaxAttachments { get; set; } = SocketIoPacketReader.DefaultMaxAttachments;

    /// <summary>
    /// Where argument types come from, for example a source-generated <c>JsonSerializerContext</c>
    /// (combine several with <c>JsonTypeInfoResolver.Combine</c>). Null uses reflection.
    /// The server adds the JavaScript-compatible encoder, the binary converters and <c>object</c> support.
    /// </summary>
    public IJsonTypeInfoResolver? TypeInfoResolver { get; set; }

    /// <summary>
    /// Reuses one <see cref="SocketIoEvent"/> and its payload buffer per socket, so receiving an event allocates
    /// nothing. The price is a shorter lifetime: an event is then valid only until its handlers return (for an
    /// asynchronous handler, until its <see cref="ValueTask"/> completes; an event whose handler is still running is
    /// not reused). Reading or acknowledging it later sees a later event. Off by default.
    /// </summary>
    public bool ReuseEvents { get; set; }

    /// <summary>Checks the values; called by the server's constructor.</summary>
    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ConnectTimeout, TimeSpan.Zero, nameof(ConnectTimeout));
        ArgumentOutOfRangeException.ThrowIfNegative(MaxAttachments, nameof(MaxAttachments));
    }

    /// <summary>The serializer options every emit and argument read uses.</summary>
    internal JsonSerializerOptions CreateSerializerOptions() =>
        TypeInfoResolver is null
            ? SocketIoJson.DefaultOptions
            : SocketIoJson.CreateOptions(JsonTypeInfoResolver.Combine(TypeInfoResolver, ObjectTypeInfoResolver.Instance));
}
