using System.Text.Json;

namespace SocketIo.Engine.SocketIO;

/// <summary>
/// Thrown by a namespace middleware to refuse a connection: the client receives CONNECT_ERROR with
/// <see cref="Exception.Message"/> and, when present, <see cref="ErrorData"/> (the reference's <c>err.data</c>).
/// Any other exception from a middleware refuses the connection too, with its message and no data.
/// </summary>
public sealed class SocketIoConnectException : Exception
{
    /// <summary>Creates an empty refusal (message "Not authorized").</summary>
    public SocketIoConnectException()
        : this("Not authorized")
    {
    }

    /// <summary>Creates a refusal with a message.</summary>
    public SocketIoConnectException(string message)
        : base(message)
    {
    }

    /// <summary>Creates a refusal with a message and an inner exception.</summary>
    public SocketIoConnectException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates a refusal with a message and JSON data sent as <c>data</c>.</summary>
    public SocketIoConnectException(string message, JsonElement data)
        : base(message) => ErrorData = data;

    /// <summary>The JSON sent as <c>data</c>; left out when null.</summary>
    public JsonElement? ErrorData { get; }
}
