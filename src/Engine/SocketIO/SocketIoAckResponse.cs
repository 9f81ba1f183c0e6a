namespace SocketIo.Engine.SocketIO;

/// <summary>One socket's answer to a broadcast with acknowledgements.</summary>
/// <param name="SocketId">The socket that answered.</param>
/// <param name="Arguments">Its ACK arguments (the reference keeps only the first: <c>Arguments.GetArgument&lt;T&gt;(0)</c>).</param>
public sealed record SocketIoAckResponse(string SocketId, SocketIoMessage Arguments);
