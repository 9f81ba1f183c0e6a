using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Text.Json;
using SocketIo.Protocol.Json;

namespace SocketIo.Protocol.SocketIO;

/// <summary>
/// A parsed, validated Socket.IO packet: a view over the message bytes it was read from (see
/// <see cref="SocketIoPacketReader.TryRead"/>). Nothing is copied or allocated.
/// </summary>
public readonly ref struct SocketIoPacket
{
    /// <summary>The value of <see cref="AckId"/> when the packet carries no ack id.</summary>
    public const long NoAckId = -1;

    // Plain fields rather than auto-properties so that the reader can fill a packet in place (see Initialize);
    // the compiler does not see those writes.
#pragma warning disable CS0649
    private readonly SocketIoPacketType _type;
    private readonly int _attachmentCount;
    private readonly ReadOnlySpan<byte> _namespace;
    private readonly long _ackId;
    private readonly ReadOnlySpan<byte> _payload;
#pragma warning restore CS0649

    /// <summary>What the validating scan learned about <see cref="Payload"/>.</summary>
    internal readonly PayloadShape Shape;

    /// <summary>The packet type.</summary>
    public SocketIoPacketType Type => _type;

    /// <summary>How many binary attachments follow (BINARY_EVENT / BINARY_ACK only).</summary>
    public int AttachmentCount => _attachmentCount;

    /// <summary>The namespace as written (UTF-8, case-sensitive); <c>/</c> when absent.</summary>
    public ReadOnlySpan<byte> Namespace => _namespace;

    /// <summary>The ack id (0 to 2^53-1), or <see cref="NoAckId"/>.</summary>
    public long AckId => _ackId;

    /// <summary>True when the packet carries an ack id.</summary>
    public bool HasAckId => AckId >= 0;

    /// <summary>The JSON payload exactly as received; empty when absent.</summary>
    public ReadOnlySpan<byte> Payload => _payload;

    /// <summary>
    /// Fills the header fields of <paramref name="packet"/>, which must be default (the reader's out parameter),
    /// and returns its shape for the payload scan to fill. Done in place: built as a new value, the packet
    /// (about 130 bytes) would be zeroed in a temporary and copied, and that copy, reading back what was just
    /// written in smaller pieces, stalls on store forwarding.
    /// </summary>
    internal static ref PayloadShape Initialize(ref SocketIoPacket packet, SocketIoPacketType type, int attachmentCount,
        ReadOnlySpan<byte> nsp, long ackId, ReadOnlySpan<byte> payload)
    {
        Unsafe.AsRef(in packet._type) = type;
        Unsafe.AsRef(in packet._attachmentCount) = attachmentCount;
        Unsafe.AsRef(in packet._namespace) = nsp;
        Unsafe.AsRef(in packet._ackId) = ackId;
        Unsafe.AsRef(in packet._payload) = payload;
        return ref Unsafe.AsRef(in packet.Shape);
    }

    /// <summary>True for BINARY_EVENT and BINARY_ACK.</summary>
    public bool IsBinary => Type is SocketIoPacketType.BinaryEvent or SocketIoPacketType.BinaryAck;

    /// <summary>True for EVENT and BINARY_EVENT.</summary>
    public bool IsEvent => Type is SocketIoPacketType.Event or SocketIoPacketType.BinaryEvent;

    /// <summary>True for ACK and BINARY_ACK.</summary>
    public bool IsAck => Type is SocketIoPacketType.Ack or SocketIoPacketType.BinaryAck;

    /// <summary>True when the event name is a JSON number rather than a string (the reference accepts both).</summary>
    public bool EventNameIsNumber => IsEvent && Shape.First == JsonValueKind.Number;

    /// <summary>
    /// The event name as it appears in the JSON: the string's content without quotes, escapes not resolved
    /// (see <see cref="EventNameIsEscaped"/>), or the number's text. Empty for non-events.
    /// </summary>
    public ReadOnlySpan<byte> RawEventName
    {
        get
        {
            if (!IsEvent)
            {
                return default;
            }

            return Shape.First == JsonValueKind.String
                ? Payload[(Shape.FirstStart + 1)..(Shape.FirstEnd - 1)]
                : Payload[Shape.FirstStart..Shape.FirstEnd];
        }
    }

    /// <summary>True when the event name string contains escapes, so <see cref="RawEventName"/> is not its text.</summary>
    public bool EventNameIsEscaped => IsEvent && Shape.FirstIsEscaped;

    /// <summary>
    /// The JSON text of the arguments, comma-separated, without the brackets and (for events) without the
    /// name: what a relay passes to <see cref="SocketIoPacketWriter"/> to forward them unchanged.
    /// </summary>
    public ReadOnlySpan<byte> RawArguments
    {
        get
        {
            if (Shape.Root != JsonValueKind.Array || !(IsEvent || IsAck))
            {
                return default;
            }

            var start = IsEvent ? Shape.FirstEnd : Shape.ArrayContentStart;
            var content = Payload[start..Shape.ArrayContentEnd].Trim(" \t\r\n"u8);
            if (IsEvent && !content.IsEmpty)
            {
                // What follows the name is ", arg, ..." with optional whitespace.
                content = content[1..].TrimStart(" \t\r\n"u8);
            }

            return content;
        }
    }

    /// <summary>Compares the (unescaped) event name with <paramref name="utf8Name"/>, without allocating.</summary>
    public bool EventNameEquals(ReadOnlySpan<byte> utf8Name)
    {
        if (!IsEvent)
        {
            return false;
        }

        // Small enough to inline into every dispatch; names with escapes take the out-of-line route.
        return Shape.FirstIsEscaped ? EscapedNameEquals(RawEventName, utf8Name) : RawEventName.SequenceEqual(utf8Name);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static bool EscapedNameEquals(ReadOnlySpan<byte> raw, ReadOnlySpan<byte> utf8Name)
    {
        if (utf8Name.Length > raw.Length)
        {
            return false;
        }

        byte[]? rented = null;
        var buffer = raw.Length <= 256 ? stackalloc byte[256] : (rented = ArrayPool<byte>.Shared.Rent(raw.Length));
        try
        {
            return JsonStringUnescaper.TryUnescape(raw, buffer, out var length) && buffer[..length].SequenceEqual(utf8Name);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>
    /// Writes the unescaped event name as UTF-8 into <paramref name="destination"/> (lone surrogates become
    /// U+FFFD). <see cref="RawEventName"/>'s length always suffices. False when too small or not an event.
    /// </summary>
    public bool TryGetEventName(Span<byte> destination, out int bytesWritten)
    {
        bytesWritten = 0;
        if (!IsEvent)
        {
            return false;
        }

        if (!EventNameIsEscaped)
        {
            var raw = RawEventName;
            if (!raw.TryCopyTo(destination))
            {
                return false;
            }

            bytesWritten = raw.Length;
            return true;
        }

        return JsonStringUnescaper.TryUnescape(RawEventName, destination, out bytesWritten);
    }

    /// <summary>The event name as a string (allocates; for logging and tests).</summary>
    public string GetEventNameString()
    {
        if (!IsEvent)
        {
            return string.Empty;
        }

        var buffer = new byte[RawEventName.Length];
        TryGetEventName(buffer, out var length);
        return System.Text.Encoding.UTF8.GetString(buffer, 0, length);
    }

    /// <summary>
    /// Enumerates the arguments (after the event name for events) as raw JSON values. The enumerator refers to
    /// this packet, so it cannot outlive the variable holding it.
    /// </summary>
    [UnscopedRef]
    public SocketIoArgumentEnumerator GetArguments() => Shape.Root == JsonValueKind.Array && (IsEvent || IsAck)
        ? new(Payload, in Shape, skipFirst: IsEvent)
        : new(default, in PayloadShape.Empty, skipFirst: false);
}
