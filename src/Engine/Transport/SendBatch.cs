namespace SocketIo.Engine.Transport;

/// <summary>
/// Corks sends on the current thread: while a batch is open, a connection whose send loop is parked is not
/// woken by <see cref="TransportConnection.Enqueue"/>; it is remembered, and <see cref="End"/> writes each
/// remembered connection's queue with one non-blocking send from this thread.
/// </summary>
/// <remarks>
/// Why: a read that carries 32 broadcasts for 1,000 clients would otherwise wake 1,000 send loops up to 32
/// times each (a thread-pool hop per wake, and each loop sends whatever arrived so far). Corked, every client
/// gets one write holding all 32 messages, and an echo's answer leaves on the thread that read the request.
/// Begin and End must pair on one thread with no await between them; batches nest (the outermost End flushes).
/// </remarks>
internal static class SendBatch
{
    [ThreadStatic]
    private static State? t_state;

    /// <summary>Opens (or nests) the current thread's batch.</summary>
    public static void Begin() => (t_state ??= new State()).Depth++;

    /// <summary>Closes the batch; the outermost close sends everything the batch deferred.</summary>
    public static void End()
    {
        var state = t_state!;
        if (--state.Depth == 0 && state.Count > 0)
        {
            state.Flush();
        }
    }

    /// <summary>True while the current thread has an open batch.</summary>
    internal static bool IsOpen => t_state is { Depth: > 0 };

    /// <summary>Remembers <paramref name="connection"/> for the open batch; false when none is open.</summary>
    internal static bool TryDefer(TransportConnection connection)
    {
        var state = t_state;
        if (state is not { Depth: > 0 })
        {
            return false;
        }

        state.Add(connection);
        return true;
    }

    /// <summary>A pinned scratch buffer of this thread, for copying small frames side by side before a send.</summary>
    internal static byte[] Staging => (t_state ??= new State()).Staging;

    private sealed class State
    {
        private const int StagingSize = 64 * 1024;
        private TransportConnection?[] _deferred = new TransportConnection?[16];
        private byte[]? _staging;

        public int Depth;
        public int Count;

        public byte[] Staging => _staging ??= GC.AllocateUninitializedArray<byte>(StagingSize, pinned: true);

        public void Add(TransportConnection connection)
        {
            if (Count == _deferred.Length)
            {
                Array.Resize(ref _deferred, Count * 2);
            }

            _deferred[Count++] = connection;
        }

        public void Flush()
        {
            // Sends run with Depth 0, so nothing they trigger is deferred to a list being walked.
            for (var i = 0; i < Count; i++)
            {
                var connection = _deferred[i]!;
                _deferred[i] = null;
                connection.FlushDeferred();
            }

            Count = 0;
        }
    }
}
