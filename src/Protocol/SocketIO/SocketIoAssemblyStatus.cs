namespace SocketIo.Protocol.SocketIO;

/// <summary>Outcome of feeding one Engine.IO message to <see cref="SocketIoBinaryAssembler"/>.</summary>
public enum SocketIoAssemblyStatus : byte
{
    /// <summary>A whole packet is ready (with its attachments, if any).</summary>
    Complete,

    /// <summary>A binary header was accepted; its attachments must come next.</summary>
    AwaitingAttachments,

    /// <summary>The message broke the protocol; the error says how. Close the connection.</summary>
    Invalid,
}
