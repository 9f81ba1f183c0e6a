using System.Buffers;

namespace SocketIo.Protocol.SocketIO;

/// <summary>
/// The per-connection Socket.IO decoder state (PROTOCOL.md 2.5, 2.8): after a BINARY_EVENT / BINARY_ACK header
/// announcing n attachments, the next n Engine.IO messages must be binary; a text message in between, or a
/// binary message with no header waiting, is an error. Not thread-safe: one per connection, fed in order.
/// </summary>
/// <remarks>
/// The header text is copied (into a pooled buffer) because it must outlive the message it came in; the
/// attachments are kept by reference, so the caller must keep their memory valid until the completed packet
/// has been handled. A completed packet and <see cref="Attachments"/> stay valid until the next call.
/// </remarks>
public sealed class SocketIoBinaryAssembler : IDisposable
{
    private readonly int _maxAttachments;
    private readonly List<ReadOnlyMemory<byte>> _attachments = [];
    private byte[] _header = [];
    private int _headerLength;
    private int _expected;

    /// <summary>Creates a decoder that accepts at most <paramref name="maxAttachments"/> attachments per packet.</summary>
    public SocketIoBinaryAssembler(int maxAttachments = SocketIoPacketReader.DefaultMaxAttachments)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxAttachments);
        _maxAttachments = maxAttachments;
    }

    /// <summary>True while a binary header waits for attachments.</summary>
    public bool IsAwaitingAttachments => _expected > 0;

    /// <summary>The attachments of the last completed binary packet, in <c>num</c> order.</summary>
    public IReadOnlyList<ReadOnlyMemory<byte>> Attachments => _attachments;

    /// <summary>Feeds one Engine.IO text message (the Socket.IO packet, <c>4</c> removed).</summary>
    public SocketIoAssemblyStatus AcceptText(ReadOnlySpan<byte> message, out SocketIoPacket packet, out SocketIoPacketError error)
    {
        packet = default;
        if (IsAwaitingAttachments)
        {
            error = SocketIoPacketError.TextWhileAwaitingAttachments;
            Reset();
            return SocketIoAssemblyStatus.Invalid;
        }

        _attachments.Clear();
        error = SocketIoPacketReader.TryRead(message, out var parsed, _maxAttachments);
        if (error != SocketIoPacketError.None)
        {
            return SocketIoAssemblyStatus.Invalid;
        }

        if (parsed.AttachmentCount == 0)
        {
            packet = parsed;
            return SocketIoAssemblyStatus.Complete;
        }

        if (_header.Length < message.Length)
        {
            ReturnHeader();
            _header = ArrayPool<byte>.Shared.Rent(message.Length);
        }

        message.CopyTo(_header);
        _headerLength = message.Length;
        _expected = parsed.AttachmentCount;
        return SocketIoAssemblyStatus.AwaitingAttachments;
    }

    /// <summary>Feeds one Engine.IO binary message (an attachment).</summary>
    public SocketIoAssemblyStatus AcceptBinary(ReadOnlyMemory<byte> attachment, out SocketIoPacket packet, out SocketIoPacketError error)
    {
        packet = default;
        if (!IsAwaitingAttachments)
        {
            error = SocketIoPacketError.UnexpectedAttachment;
            _attachments.Clear();
            return SocketIoAssemblyStatus.Invalid;
        }

        _attachments.Add(attachment);
        if (_attachments.Count < _expected)
        {
            error = SocketIoPacketError.None;
            return SocketIoAssemblyStatus.AwaitingAttachments;
        }

        _expected = 0;

        // The header was valid when it arrived; parsing again just rebuilds the view over our copy.
        error = SocketIoPacketReader.TryRead(_header.AsSpan(0, _headerLength), out packet, _maxAttachments);
        return error == SocketIoPacketError.None ? SocketIoAssemblyStatus.Complete : SocketIoAssemblyStatus.Invalid;
    }

    /// <summary>Forgets any partial packet (for example after an error).</summary>
    public void Reset()
    {
        _expected = 0;
        _headerLength = 0;
        _attachments.Clear();
    }

    /// <summary>Returns the pooled header buffer.</summary>
    public void Dispose()
    {
        Reset();
        ReturnHeader();
    }

    private void ReturnHeader()
    {
        if (_header.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_header);
            _header = [];
        }
    }
}
