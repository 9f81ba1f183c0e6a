namespace SocketIo.Protocol.SocketIO;

/// <summary>What a property name means to the placeholder rule (PROTOCOL.md 2.5).</summary>
internal enum PlaceholderProperty : byte
{
    /// <summary>Any other name.</summary>
    Other,

    /// <summary><c>_placeholder</c>: the object is a placeholder when its value is <c>true</c>.</summary>
    Placeholder,

    /// <summary><c>num</c>: the attachment a placeholder stands for.</summary>
    Num,
}
