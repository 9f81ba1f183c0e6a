namespace SocketIo.Engine.Transport;

internal sealed partial class TransportListener
{
    private readonly Lock _stopLock = new();
    private Task? _stopping;

    /// <summary>
    /// Stops accepting, cancels every connection's <see cref="TransportConnection.ShutdownRequested"/> and waits
    /// up to <paramref name="timeout"/> (or until <paramref name="cancellationToken"/>) for handlers to finish;
    /// then aborts what remains with <see cref="ConnectionCloseReason.ServerShutdown"/>. Later calls wait for the first.
    /// </summary>
    public Task StopAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        lock (_stopLock)
        {
            return _stopping ??= StopCoreAsync(timeout, cancellationToken);
        }
    }

    /// <summary>Stops at once (aborting every connection) unless already stopped, and frees the pools.</summary>
    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.Zero).ConfigureAwait(false);
        SenderPool.Dispose();
        MemoryPool.Dispose();
        _shutdown.Dispose();
    }

    private async Task StopCoreAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        await Task.Yield();
        var started = Interlocked.Exchange(ref _state, 2) == 1;
        foreach (var socket in _listenSockets)
        {
            socket.Dispose();
        }

        await Task.WhenAll(_acceptLoops).ConfigureAwait(false);
        if (started)
        {
            TransportLog.Stopping(Logger, _connections.Count);
        }

        await _shutdown.CancelAsync().ConfigureAwait(false);
        foreach (var entry in _connections)
        {
            entry.Value.OnShutdownRequested();
        }

        var all = Task.WhenAll(SnapshotCompletions());
        if (!await WaitAsync(all, timeout, cancellationToken).ConfigureAwait(false))
        {
            foreach (var entry in _connections)
            {
                entry.Value.Abort(ConnectionCloseReason.ServerShutdown);
            }

            // An aborted connection finishes as soon as its handler notices; a handler that ignores both its
            // tokens and its input cannot be forced, so do not wait for it forever.
            if (!await WaitAsync(all, TimeSpan.FromSeconds(5), CancellationToken.None).ConfigureAwait(false))
            {
                TransportLog.HandlersIgnoredShutdown(Logger, _connections.Count);
            }
        }

        _heartbeatTimer?.Dispose();
        await _heartbeat.ConfigureAwait(false);
    }

    private List<Task> SnapshotCompletions()
    {
        var tasks = new List<Task>(_connections.Count);
        foreach (var entry in _connections)
        {
            tasks.Add(entry.Value.Completion);
        }

        return tasks;
    }

    private static async Task<bool> WaitAsync(Task task, TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            await task.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
        {
            return false;
        }
    }
}
