namespace SocketIo.Protocol.SocketIO;

/// <summary>Why a Socket.IO packet was rejected (PROTOCOL.md 2.3/2.4); any of these closes the connection.</summary>
public enum SocketIoPacketError : byte
{
    /// <summary>The packet is valid.</summary>
    None = 0,

    /// <summary>The message is empty: there is no type digit.</summary>
    Empty,

    /// <summary>The first character is not a type digit <c>0</c>-<c>6</c>.</summary>
    InvalidType,

    /// <summary>A binary packet's attachment count is not digits followed by <c>-</c>.</summary>
    InvalidAttachmentCount,

    /// <summary>A binary packet announces more attachments than allowed.</summary>
    TooManyAttachments,

    /// <summary>The ack id exceeds 2^53-1, the largest integer a JavaScript number holds exactly.</summary>
    AckIdOverflow,

    /// <summary>The message is not valid UTF-8.</summary>
    InvalidUtf8,

    /// <summary>The payload is not one valid JSON value.</summary>
    InvalidJson,

    /// <summary>An EVENT or ACK has no payload.</summary>
    MissingPayload,

    /// <summary>A DISCONNECT carries a payload.</summary>
    UnexpectedPayload,

    /// <summary>A CONNECT payload is not a JSON object.</summary>
    InvalidConnectPayload,

    /// <summary>An EVENT payload is not a JSON array.</summary>
    InvalidEventPayload,

    /// <summary>An EVENT payload is an empty array.</summary>
    EmptyEvent,

    /// <summary>An EVENT's first element is neither a string nor a number.</summary>
    InvalidEventName,

    /// <summary>An EVENT uses a reserved name such as <c>connect</c> or <c>disconnect</c>.</summary>
    ReservedEventName,

    /// <summary>An ACK payload is not a JSON array.</summary>
    InvalidAckPayload,

    /// <summary>A client sent CONNECT_ERROR, which only servers send.</summary>
    ConnectErrorFromClient,

    /// <summary>A CONNECT_ERROR payload is neither an object nor a string.</summary>
    InvalidConnectErrorPayload,

    /// <summary>A binary placeholder's <c>num</c> is missing, not an integer, or not below the attachment count.</summary>
    InvalidPlaceholder,

    /// <summary>A text message arrived while a binary packet still awaited attachments.</summary>
    TextWhileAwaitingAttachments,

    /// <summary>A binary message arrived with no binary packet awaiting attachments.</summary>
    UnexpectedAttachment,
}
