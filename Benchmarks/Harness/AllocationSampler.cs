using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace Glance.Benchmarks.Harness;

/// <summary>
/// Which types a run allocates, from the runtime's own GC AllocationTick events (one about every 100 KB, naming the type
/// whose allocation crossed the mark), so each type's share of the events estimates its share of the bytes. Opt-in with
/// GLANCE_ALLOC_TYPES=1: the listener costs a little CPU, and the figures are a sample, not a count.
/// </summary>
internal sealed class AllocationSampler : EventListener
{
    private const string RuntimeSource = "Microsoft-Windows-DotNETRuntime";
    private const EventKeywords GcKeyword = (EventKeywords)0x1;
    private const int AllocationTickId = 10;

    private readonly ConcurrentDictionary<string, long> bytesByType = new(StringComparer.Ordinal);
    private volatile bool recording;

    public static bool Enabled => Environment.GetEnvironmentVariable("GLANCE_ALLOC_TYPES") == "1";

    public void Start()
    {
        bytesByType.Clear();
        recording = true;
    }

    /// <summary>The sampled types, most bytes first, with their share of all sampled bytes.</summary>
    public IReadOnlyList<(string Type, double Share)> Stop(int top)
    {
        recording = false;
        var total = Math.Max(1, bytesByType.Values.Sum());
        return [.. bytesByType.OrderByDescending(e => e.Value).Take(top).Select(e => (e.Key, (double)e.Value / total))];
    }

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == RuntimeSource)
        {
            EnableEvents(eventSource, EventLevel.Verbose, GcKeyword);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (!recording || eventData.EventId != AllocationTickId || eventData.PayloadNames is not { } names || eventData.Payload is not { } payload)
        {
            return;
        }

        var type = names.IndexOf("TypeName") is >= 0 and var t ? payload[t] as string ?? "?" : "?";
        var amount = names.IndexOf("AllocationAmount64") is >= 0 and var a ? Convert.ToInt64(payload[a], System.Globalization.CultureInfo.InvariantCulture) : 100_000;
        bytesByType.AddOrUpdate(type, amount, (_, sum) => sum + amount);
    }
}
