using System.Text.Json;

namespace SocketIo.Protocol.SocketIO;

/// <summary>What the payload scan learned, so later questions (event name, arguments) need no second scan.</summary>
internal readonly struct PayloadShape
{
    /// <summary>The root token (StartObject, StartArray, String, ...).</summary>
    internal JsonTokenType Root { get; init; }

    /// <summary>When the root is an array: its first element's token (EndArray when empty).</summary>
    internal JsonTokenType First { get; init; }

    /// <summary>Offset of the first element's token in the payload (its opening quote for a string).</summary>
    internal int FirstStart { get; init; }

    /// <summary>Offset just after the first element.</summary>
    internal int FirstEnd { get; init; }

    /// <summary>True when the first element is a string with escapes.</summary>
    internal bool FirstIsEscaped { get; init; }

    /// <summary>True when the first element is a reserved event name.</summary>
    internal bool FirstIsReserved { get; init; }

    /// <summary>Offset just after the root array's opening bracket.</summary>
    internal int ArrayContentStart { get; init; }

    /// <summary>Offset of the root array's closing bracket.</summary>
    internal int ArrayContentEnd { get; init; }
}
