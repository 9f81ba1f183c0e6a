namespace SocketIo.Host.Apps;

/// <summary>Running totals of chat messages, read by the dashboard once a second.</summary>
internal sealed class ChatStats
{
    private long _messagesIn;
    private long _messagesOut;

    /// <summary>Messages received from browsers (chat lines and typing notices).</summary>
    public long MessagesIn => Interlocked.Read(ref _messagesIn);

    /// <summary>Messages delivered to browsers (one per recipient).</summary>
    public long MessagesOut => Interlocked.Read(ref _messagesOut);

    /// <summary>Counts one received message.</summary>
    public void Received() => Interlocked.Increment(ref _messagesIn);

    /// <summary>Counts <paramref name="recipients"/> delivered messages.</summary>
    public void Sent(int recipients) => Interlocked.Add(ref _messagesOut, recipients);
}
