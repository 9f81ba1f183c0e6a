namespace SocketIo.Engine.Transport;

/// <summary>
/// Corks sends on the current thread: while a batch is open, a frame queued on an idle connection is not written
/// at once by <see cref="TransportConnection.Enqueue"/>; the connection is remembered, and <see cref="End"/>
/// writes each remembered connection's queue with one non-blocking send from this thread.
/// </summary>
/// <remarks>
/// Why: a read that carries 32 broadcasts for 1,000 clients would otherwise cost up to 32 writes per client.
/// Corked, every client gets one write holding all 32 messages.
/// Begin and End must pair on one thread with no await between them; batches nest (the outermost End flushes).
/// The remembered connections form a list linked through the connections themselves, so a batch of any size
/// allocates nothing.
/// </remarks>
internal static class SendBatch
{
    /// <summary>Size of the scratch buffer small frames are copied into, side by side, for one send.</summary>
    internal const int StagingSize = 32 * 1024;

    [ThreadStatic]
    private static State? t_state;

    [ThreadStatic]
    private static byte[]? t_staging;

    /// <summary>
    /// This thread's scratch buffer for non-blocking sends. Kept per thread (few threads send) rather than rented
    /// from the shared array pool, which trims idle arrays and would make steady-state sends allocate again.
    /// </summary>
    internal static byte[] Staging => t_staging ??= GC.AllocateUninitializedArray<byte>(StagingSize);

    /// <summary>Opens (or nests) the current thread's batch.</summary>
    public static void Begin() => (t_state ??= new State()).Depth++;

    /// <summary>Closes the batch; the outermost close sends everything the batch deferred.</summary>
    public static void End()
    {
        var state = t_state!;
        if (--state.Depth == 0 && state.Head is not null)
        {
            Flush(state);
        }
    }

    /// <summary>Remembers <paramref name="connection"/> for the open batch; false when none is open.</summary>
    internal static bool TryDefer(TransportConnection connection)
    {
        var state = t_state;
        if (state is not { Depth: > 0 })
        {
            return false;
        }

        // The caller took the connection's wake-up, so it is in no other batch's list.
        if (state.Tail is null)
        {
            state.Head = connection;
        }
        else
        {
            state.Tail.NextDeferred = connection;
        }

        state.Tail = connection;
        return true;
    }

    private static void Flush(State state)
    {
        // Sends run with Depth 0, so nothing they cause is deferred to the list being walked.
        var connection = state.Head;
        state.Head = state.Tail = null;
        while (connection is not null)
        {
            var next = connection.NextDeferred;
            connection.NextDeferred = null;
            connection.FlushDeferred();
            connection = next;
        }
    }

    private sealed class State
    {
        public int Depth;
        public TransportConnection? Head;
        public TransportConnection? Tail;
    }
}
