using System.Buffers;
using System.Buffers.Text;
using SocketIo.Protocol.Json;

namespace SocketIo.Protocol.SocketIO;

/// <summary>
/// Writes Socket.IO v5 packets (PROTOCOL.md 2.2) into an <see cref="IBufferWriter{T}"/>: size first, write
/// once. Arguments are raw UTF-8 JSON (for example <see cref="SocketIoPacket.RawArguments"/> of a received
/// packet, so a relay forwards them without re-serializing); for typed values use
/// <see cref="SocketIoPacketBuilder"/>. The namespace <c>/</c> is never written; any other is followed by
/// <c>,</c>. The output is the Engine.IO message data (the <c>4</c> prefix is the Engine.IO layer's).
/// </summary>
public static class SocketIoPacketWriter
{
    private const int MaxHeaderDigits = 32;

    /// <summary>Writes CONNECT: <c>0[nsp,][payload]</c>; <paramref name="rawPayload"/> is an auth object or empty.</summary>
    public static void WriteConnect(IBufferWriter<byte> output, ReadOnlySpan<byte> nsp, ReadOnlySpan<byte> rawPayload = default) =>
        WritePacket(output, SocketIoPacketType.Connect, nsp, SocketIoPacket.NoAckId, 0, rawPayload);

    /// <summary>Writes the server's CONNECT reply <c>0[nsp,]{"sid":"..."}</c>, with <c>"pid"</c> when given (recovery).</summary>
    public static void WriteConnectAccepted(IBufferWriter<byte> output, ReadOnlySpan<byte> nsp, ReadOnlySpan<byte> sid, ReadOnlySpan<byte> pid = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        var length = HeaderLength(nsp) + 8 + JsonStringWriter.GetLength(sid) + 1
            + (pid.IsEmpty ? 0 : 7 + JsonStringWriter.GetLength(pid));
        var span = output.GetSpan(length);
        var w = WriteHeader(span, SocketIoPacketType.Connect, nsp, SocketIoPacket.NoAckId, 0);
        w += Copy("{\"sid\":"u8, span[w..]);
        w += JsonStringWriter.Write(sid, span[w..]);
        if (!pid.IsEmpty)
        {
            w += Copy(",\"pid\":"u8, span[w..]);
            w += JsonStringWriter.Write(pid, span[w..]);
        }

        span[w++] = (byte)'}';
        output.Advance(w);
    }

    /// <summary>Writes DISCONNECT: <c>1[nsp,]</c>.</summary>
    public static void WriteDisconnect(IBufferWriter<byte> output, ReadOnlySpan<byte> nsp) =>
        WritePacket(output, SocketIoPacketType.Disconnect, nsp, SocketIoPacket.NoAckId, 0, default);

    /// <summary>
    /// Writes CONNECT_ERROR: <c>4[nsp,]{"message":"...","data":...}</c>; <c>data</c> is left out when
    /// <paramref name="rawData"/> is empty (JS leaves out undefined).
    /// </summary>
    public static void WriteConnectError(IBufferWriter<byte> output, ReadOnlySpan<byte> nsp, ReadOnlySpan<char> message, ReadOnlySpan<byte> rawData = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        var header = output.GetSpan(HeaderLength(nsp) + 11);
        var w = WriteHeader(header, SocketIoPacketType.ConnectError, nsp, SocketIoPacket.NoAckId, 0);
        w += Copy("{\"message\":"u8, header[w..]);
        output.Advance(w);
        JsonStringWriter.Write(message, output);
        var tail = output.GetSpan(rawData.Length + 8);
        w = 0;
        if (!rawData.IsEmpty)
        {
            w += Copy(",\"data\":"u8, tail);
            w += Copy(rawData, tail[w..]);
        }

        tail[w++] = (byte)'}';
        output.Advance(w);
    }

    /// <summary>
    /// Writes EVENT <c>2[nsp,][ackId]["name",args]</c>, or BINARY_EVENT <c>5N-...</c> when
    /// <paramref name="attachmentCount"/> is positive (the attachments are sent after it by the caller).
    /// </summary>
    /// <param name="output">Destination.</param>
    /// <param name="nsp">Namespace, UTF-8, starting with <c>/</c>.</param>
    /// <param name="utf8EventName">Event name as UTF-8 text (escaped here as needed).</param>
    /// <param name="rawArguments">Comma-separated JSON arguments, or empty.</param>
    /// <param name="ackId">Ack id or <see cref="SocketIoPacket.NoAckId"/>.</param>
    /// <param name="attachmentCount">Number of placeholders in the arguments.</param>
    /// <exception cref="ArgumentException">The name is reserved or not UTF-8, or the namespace is malformed.</exception>
    public static void WriteEvent(IBufferWriter<byte> output, ReadOnlySpan<byte> nsp, ReadOnlySpan<byte> utf8EventName,
        ReadOnlySpan<byte> rawArguments, long ackId = SocketIoPacket.NoAckId, int attachmentCount = 0)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (ReservedEventNames.IsReserved(utf8EventName))
        {
            throw new ArgumentException("Reserved event names cannot be emitted.", nameof(utf8EventName));
        }

        var type = attachmentCount > 0 ? SocketIoPacketType.BinaryEvent : SocketIoPacketType.Event;
        var length = HeaderLength(nsp) + JsonStringWriter.GetLength(utf8EventName) + rawArguments.Length + 3;
        var span = output.GetSpan(length);
        var w = WriteHeader(span, type, nsp, ackId, attachmentCount);
        span[w++] = (byte)'[';
        w += JsonStringWriter.Write(utf8EventName, span[w..]);
        if (!rawArguments.IsEmpty)
        {
            span[w++] = (byte)',';
            w += Copy(rawArguments, span[w..]);
        }

        span[w++] = (byte)']';
        output.Advance(w);
    }

    /// <summary>Writes ACK <c>3[nsp,]ackId[args]</c>, or BINARY_ACK <c>6N-...</c> with attachments.</summary>
    public static void WriteAck(IBufferWriter<byte> output, ReadOnlySpan<byte> nsp, long ackId, ReadOnlySpan<byte> rawArguments, int attachmentCount = 0)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentOutOfRangeException.ThrowIfNegative(ackId);
        var type = attachmentCount > 0 ? SocketIoPacketType.BinaryAck : SocketIoPacketType.Ack;
        var span = output.GetSpan(HeaderLength(nsp) + rawArguments.Length + 2);
        var w = WriteHeader(span, type, nsp, ackId, attachmentCount);
        span[w++] = (byte)'[';
        w += Copy(rawArguments, span[w..]);
        span[w++] = (byte)']';
        output.Advance(w);
    }

    /// <summary>Writes any packet from its parts: <c>type[N-][nsp,][ackId][payload]</c>, the payload as given.</summary>
    public static void WritePacket(IBufferWriter<byte> output, SocketIoPacketType type, ReadOnlySpan<byte> nsp, long ackId, int attachmentCount, ReadOnlySpan<byte> rawPayload)
    {
        ArgumentNullException.ThrowIfNull(output);
        var span = output.GetSpan(HeaderLength(nsp) + rawPayload.Length);
        var w = WriteHeader(span, type, nsp, ackId, attachmentCount);
        w += Copy(rawPayload, span[w..]);
        output.Advance(w);
    }

    /// <summary>An upper bound of the header's length.</summary>
    internal static int HeaderLength(ReadOnlySpan<byte> nsp) =>
        1 + MaxHeaderDigits + (IsRoot(nsp) ? 0 : nsp.Length + 1);

    /// <summary>Writes <c>type[N-][nsp,][ackId]</c>.</summary>
    internal static int WriteHeader(Span<byte> destination, SocketIoPacketType type, ReadOnlySpan<byte> nsp, long ackId, int attachmentCount)
    {
        destination[0] = (byte)('0' + (int)type);
        var w = 1;
        if (type is SocketIoPacketType.BinaryEvent or SocketIoPacketType.BinaryAck)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(attachmentCount);
            Utf8Formatter.TryFormat(attachmentCount, destination[w..], out var digits);
            w += digits;
            destination[w++] = (byte)'-';
        }

        if (!IsRoot(nsp))
        {
            if (nsp[0] != '/' || nsp.Contains((byte)','))
            {
                throw new ArgumentException("A namespace starts with '/' and contains no ','.", nameof(nsp));
            }

            w += Copy(nsp, destination[w..]);
            destination[w++] = (byte)',';
        }

        if (ackId >= 0)
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThan(ackId, SocketIoPacketReader.MaxAckId);
            Utf8Formatter.TryFormat(ackId, destination[w..], out var digits);
            w += digits;
        }

        return w;
    }

    private static bool IsRoot(ReadOnlySpan<byte> nsp) => nsp.IsEmpty || (nsp.Length == 1 && nsp[0] == '/');

    private static int Copy(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        source.CopyTo(destination);
        return source.Length;
    }
}
