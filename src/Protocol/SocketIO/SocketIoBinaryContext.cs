namespace SocketIo.Protocol.SocketIO;

/// <summary>
/// The attachments the binary converters read from or write to during one (synchronous) serializer call on
/// this thread. Set by <see cref="SocketIoPacketBuilder"/> and <see cref="SocketIoArguments"/>, restored after.
/// </summary>
internal static class SocketIoBinaryContext
{
    [ThreadStatic]
    private static ICollection<ReadOnlyMemory<byte>>? t_sink;

    [ThreadStatic]
    private static int t_nextNumber;

    [ThreadStatic]
    private static IReadOnlyList<ReadOnlyMemory<byte>>? t_source;

    /// <summary>Where blobs go while writing; null writes them as base64 strings.</summary>
    internal static ICollection<ReadOnlyMemory<byte>>? Sink => t_sink;

    /// <summary>The attachments placeholders refer to while reading; null means none.</summary>
    internal static IReadOnlyList<ReadOnlyMemory<byte>>? Source => t_source;

    /// <summary>Adds a blob to the sink and returns its placeholder number.</summary>
    internal static int Add(ReadOnlyMemory<byte> blob)
    {
        t_sink!.Add(blob);
        return t_nextNumber++;
    }

    /// <summary>Starts writing with <paramref name="sink"/>, numbering from <paramref name="firstNumber"/>; returns the previous state.</summary>
    internal static (ICollection<ReadOnlyMemory<byte>>? Sink, int Next) BeginWrite(ICollection<ReadOnlyMemory<byte>>? sink, int firstNumber)
    {
        var previous = (t_sink, t_nextNumber);
        t_sink = sink;
        t_nextNumber = firstNumber;
        return previous;
    }

    /// <summary>Ends writing: returns the next placeholder number and restores <paramref name="previous"/>.</summary>
    internal static int EndWrite((ICollection<ReadOnlyMemory<byte>>? Sink, int Next) previous)
    {
        var next = t_nextNumber;
        (t_sink, t_nextNumber) = previous;
        return next;
    }

    /// <summary>Starts reading with <paramref name="source"/>; returns the previous source.</summary>
    internal static IReadOnlyList<ReadOnlyMemory<byte>>? BeginRead(IReadOnlyList<ReadOnlyMemory<byte>>? source)
    {
        var previous = t_source;
        t_source = source;
        return previous;
    }

    /// <summary>Restores the source that was current before <see cref="BeginRead"/>.</summary>
    internal static void EndRead(IReadOnlyList<ReadOnlyMemory<byte>>? previous) => t_source = previous;
}
