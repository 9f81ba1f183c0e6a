using System.Buffers;
using SocketIo.Protocol.EngineIO;

namespace SocketIo.Engine.EngineIO;

internal sealed partial class EngineIoSession
{
    /// <summary>
    /// Acts on one packet from the session's transport (PROTOCOL.md 1.4, 1.8). Returns false when the session
    /// closed, so the rest of a payload is not processed.
    /// </summary>
    private bool OnPacket(in EngineIOPacket packet)
    {
        switch (packet.Type)
        {
            case EngineIOPacketType.Message:
                return DeliverMessage(packet);
            case EngineIOPacketType.Pong:
                lock (Gate)
                {
                    if (_state != SessionState.Open)
                    {
                        return false;
                    }

                    // Only a pong restarts the cycle: the next ping is pingInterval after it.
                    ScheduleHeartbeatLocked(HeartbeatPhase.Ping, _options.PingInterval);
                }

                return true;
            case EngineIOPacketType.Ping:
                // v4 clients never ping: "invalid heartbeat direction".
                Close(EngineIoCloseReason.TransportError);
                return false;
            case EngineIOPacketType.Close:
                Close(EngineIoCloseReason.TransportClose);
                return false;
            default:
                // open, upgrade (outside an upgrade) and noop from a client are ignored.
                return true;
        }
    }

    private bool DeliverMessage(in EngineIOPacket packet)
    {
        if (_state != SessionState.Open)
        {
            return false;
        }

        var handler = _server.Handler;
        if (packet.Format == EngineIOPacketFormat.Text && !packet.HasInvalidUtf8)
        {
            handler.OnMessage(this, isBinary: false, packet.Data);
            return true;
        }

        if (packet.Format == EngineIOPacketFormat.Binary)
        {
            handler.OnMessage(this, isBinary: true, packet.Data);
            return true;
        }

        // Rare paths: base64 binary, or text with invalid UTF-8 replaced as the reference's decoder does.
        var isBinary = packet.Format == EngineIOPacketFormat.Base64;
        var rented = ArrayPool<byte>.Shared.Rent(isBinary ? packet.GetMaxDecodedLength() : Utf8Replacement.GetReplacedLength(packet.Data));
        try
        {
            int length;
            if (isBinary)
            {
                if (!packet.TryDecodeBinary(rented, out length, out _))
                {
                    Close(EngineIoCloseReason.ParseError);
                    return false;
                }
            }
            else
            {
                length = Utf8Replacement.Replace(packet.Data, rented);
            }

            handler.OnMessage(this, isBinary, rented.AsSpan(0, length));
            return true;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
