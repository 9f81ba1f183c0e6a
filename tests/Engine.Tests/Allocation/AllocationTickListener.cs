using System.Diagnostics.Tracing;

namespace SocketIo.Engine.Tests.Allocation;

/// <summary>
/// Samples the runtime's GC AllocationTick events (one per ~100 KB allocated) by type name, to say what allocates
/// when a bound is exceeded.
/// </summary>
internal sealed class AllocationTickListener : EventListener
{
    private readonly Dictionary<string, long> _bytesByType = new(StringComparer.Ordinal);
    private volatile bool _recording;

    public void Start() => _recording = true;

    public void Stop() => _recording = false;

    public string Summary()
    {
        lock (_bytesByType)
            return string.Join(Environment.NewLine, _bytesByType.OrderByDescending(p => p.Value).Take(20).Select(p => $"{p.Value,12} {p.Key}"));
    }

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
            EnableEvents(eventSource, EventLevel.Verbose, (EventKeywords)0x1);
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (!_recording || eventData.EventName is null || !eventData.EventName.StartsWith("GCAllocationTick", StringComparison.Ordinal) || eventData.Payload is null)
            return;
        var index = eventData.PayloadNames?.IndexOf("TypeName") ?? -1;
        var amountIndex = eventData.PayloadNames?.IndexOf("AllocationAmount64") ?? -1;
        if (index < 0)
            return;
        var type = eventData.Payload[index] as string ?? "?";
        var amount = amountIndex >= 0 ? Convert.ToInt64(eventData.Payload[amountIndex], System.Globalization.CultureInfo.InvariantCulture) : 100_000;
        lock (_bytesByType)
            _bytesByType[type] = _bytesByType.GetValueOrDefault(type) + amount;
    }
}
