namespace SocketIo.Engine.Transport;

internal sealed partial class TransportListener
{
    private PeriodicTimer? _heartbeatTimer;
    private Task _heartbeat = Task.CompletedTask;

    /// <summary>Checks every connection's deadline once. The heartbeat loop calls it each tick; tests may call it directly.</summary>
    internal void OnHeartbeat(long now)
    {
        // Enumerating the dictionary itself (not .Values) walks it without copying it.
        foreach (var entry in _connections)
        {
            entry.Value.OnHeartbeat(now);
        }
    }

    private void StartHeartbeat()
    {
        _heartbeatTimer = new PeriodicTimer(Options.HeartbeatInterval, Options.TimeProvider);
        _heartbeat = HeartbeatLoopAsync(_heartbeatTimer);
    }

    private async Task HeartbeatLoopAsync(PeriodicTimer timer)
    {
        // One loop for the whole server instead of a timer per connection (Kestrel's Heartbeat does the same).
        while (await timer.WaitForNextTickAsync().ConfigureAwait(false))
        {
            try
            {
                OnHeartbeat(Options.TimeProvider.GetTimestamp());
            }
            catch (Exception ex)
            {
                TransportLog.HeartbeatFailed(Logger, ex);
            }
        }
    }
}
