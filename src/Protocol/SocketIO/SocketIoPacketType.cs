namespace SocketIo.Protocol.SocketIO;

/// <summary>Socket.IO v5 packet types (PROTOCOL.md 2.1); the value is the digit on the wire.</summary>
public enum SocketIoPacketType : byte
{
    /// <summary>CONNECT (<c>0</c>): a namespace connect request, or the server's acceptance.</summary>
    Connect = 0,

    /// <summary>DISCONNECT (<c>1</c>): leave a namespace; no payload.</summary>
    Disconnect = 1,

    /// <summary>EVENT (<c>2</c>): <c>[eventName, ...args]</c>.</summary>
    Event = 2,

    /// <summary>ACK (<c>3</c>): <c>[...args]</c> answering an event's ack id.</summary>
    Ack = 3,

    /// <summary>CONNECT_ERROR (<c>4</c>): server to client only.</summary>
    ConnectError = 4,

    /// <summary>BINARY_EVENT (<c>5</c>): an event whose binary arguments travel as attachments.</summary>
    BinaryEvent = 5,

    /// <summary>BINARY_ACK (<c>6</c>): an ack whose binary arguments travel as attachments.</summary>
    BinaryAck = 6,
}
