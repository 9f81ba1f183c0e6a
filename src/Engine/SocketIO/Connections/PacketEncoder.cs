using System.Text;
using System.Text.Json;
using SocketIo.Protocol.SocketIO;

namespace SocketIo.Engine.SocketIO.Connections;

/// <summary>Encodes outgoing Socket.IO packets into rented <see cref="EncodedPacket"/>s (the caller releases them).</summary>
internal static class PacketEncoder
{
    public static EncodedPacket Event<TArgs>(string nsp, byte[] nspUtf8, string eventName, in TArgs args, long ackId, JsonSerializerOptions options)
        where TArgs : struct, IEmitArguments
    {
        var packet = EncodedPacket.Rent();
        try
        {
            args.WriteEvent(packet.Writer, nspUtf8, eventName, ackId, packet.AttachmentSink, options);
            packet.Type = packet.Attachments.Count > 0 ? SocketIoPacketType.BinaryEvent : SocketIoPacketType.Event;
            packet.Namespace = nsp;
            packet.AckId = ackId;
            return packet;
        }
        catch
        {
            packet.Release();
            throw;
        }
    }

    public static EncodedPacket Ack<TArgs>(string nsp, byte[] nspUtf8, long ackId, in TArgs args, JsonSerializerOptions options)
        where TArgs : struct, IEmitArguments
    {
        var packet = EncodedPacket.Rent();
        try
        {
            args.WriteAck(packet.Writer, nspUtf8, ackId, packet.AttachmentSink, options);
            packet.Type = packet.Attachments.Count > 0 ? SocketIoPacketType.BinaryAck : SocketIoPacketType.Ack;
            packet.Namespace = nsp;
            packet.AckId = ackId;
            return packet;
        }
        catch
        {
            packet.Release();
            throw;
        }
    }

    public static EncodedPacket ConnectAccepted(string nsp, byte[] nspUtf8, string socketId)
    {
        var packet = EncodedPacket.Rent(64);
        SocketIoPacketWriter.WriteConnectAccepted(packet.Writer, nspUtf8, Encoding.UTF8.GetBytes(socketId));
        packet.Type = SocketIoPacketType.Connect;
        packet.Namespace = nsp;
        return packet;
    }

    public static EncodedPacket Disconnect(string nsp, byte[] nspUtf8)
    {
        var packet = EncodedPacket.Rent(16);
        SocketIoPacketWriter.WriteDisconnect(packet.Writer, nspUtf8);
        packet.Type = SocketIoPacketType.Disconnect;
        packet.Namespace = nsp;
        return packet;
    }

    /// <summary>CONNECT_ERROR; <paramref name="rawData"/> is JSON, left out when empty (JS drops undefined).</summary>
    public static EncodedPacket ConnectError(string nsp, ReadOnlySpan<byte> nspUtf8, string message, ReadOnlySpan<byte> rawData)
    {
        var packet = EncodedPacket.Rent(64);
        SocketIoPacketWriter.WriteConnectError(packet.Writer, nspUtf8, message, rawData);
        packet.Type = SocketIoPacketType.ConnectError;
        packet.Namespace = nsp;
        return packet;
    }
}
