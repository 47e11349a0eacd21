using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace Glance.Benchmarks.Harness;

/// <summary>
/// Which types a run allocates, from the runtime's own GC AllocationTick events (one about every 100 KB, naming the type
/// whose allocation crossed the mark), so each type's share of the events estimates its share of the bytes; and, from
/// its GCHeapStats events, how many bytes each collection promoted out of gen 0 and out of gen 1 (what lived past its
/// first collection: the mid-life objects that make pauses long). Opt-in with GLANCE_ALLOC_TYPES=1: the listener
/// costs a little CPU, and the type figures are a sample, not a count.
/// </summary>
internal sealed class AllocationSampler : EventListener
{
    private const string RuntimeSource = "Microsoft-Windows-DotNETRuntime";
    private const EventKeywords GcKeyword = (EventKeywords)0x1;
    private const int AllocationTickId = 10;
    private const int HeapStatsId = 4;
    private const int GcStartId = 1;
    private const int SuspendBeginId = 9;
    private const int SuspendEndId = 8;
    private const int RestartEndId = 3;
    private const int MarkWithTypeId = 202;

    /// <summary>The runtime's GC root kinds, in the order a collection marks from them (GCMarkWithType's Type).</summary>
    private static readonly string[] RootKinds = ["stacks", "finalizer queue", "handles", "older generations (cards)", "sized refs", "mark overflow", "dependent handles", "new finalizer queue", "stealing"];

    private readonly ConcurrentDictionary<string, long> bytesByType = new(StringComparer.Ordinal);
    private volatile bool recording;
    private long promotedFromGen0;
    private long promotedFromGen1;
    private readonly object pauseLock = new();
    private readonly List<(int Generation, double SuspendMs, double PauseMs)> pauses = [];
    private DateTime suspendBegin;
    private DateTime suspendEnd;
    private int pauseGeneration = -1;
    private DateTime gcStart;
    private readonly List<(int Heap, int Kind, DateTime At)> marks = [];
    private readonly Dictionary<(int Generation, string Phase), (double Ms, int Count)> phases = [];

    /// <summary>Bytes promoted out of gen 0 and out of gen 1 since <see cref="Start"/>.</summary>
    public (long FromGen0, long FromGen1) Promoted => (Interlocked.Read(ref promotedFromGen0), Interlocked.Read(ref promotedFromGen1));

    public static bool Enabled => Environment.GetEnvironmentVariable("GLANCE_ALLOC_TYPES") == "1";

    public void Start()
    {
        bytesByType.Clear();
        Interlocked.Exchange(ref promotedFromGen0, 0);
        Interlocked.Exchange(ref promotedFromGen1, 0);
        lock (pauseLock)
        {
            pauses.Clear();
            phases.Clear();
        }

        recording = true;
    }

    /// <summary>The sampled types, most bytes first, with their share of all sampled bytes.</summary>
    public IReadOnlyList<(string Type, double Share)> Stop(int top)
    {
        recording = false;
        var total = Math.Max(1, bytesByType.Values.Sum());
        return [.. bytesByType.OrderByDescending(e => e.Value).Take(top).Select(e => (e.Key, (double)e.Value / total))];
    }

    /// <summary>Each pause since <see cref="Start"/>: the collection's generation (-1 when no collection ran in it), the time taken to stop the threads and the whole pause.</summary>
    public IReadOnlyList<(int Generation, double SuspendMs, double PauseMs)> Pauses()
    {
        lock (pauseLock)
        {
            return [.. pauses];
        }
    }

    /// <summary>
    /// Mean milliseconds per collection of each marking phase (root kind, per GC heap, from the collection's start or the
    /// previous root kind's end) and of everything after marking (planning, relocating, compacting, restarting), by generation.
    /// </summary>
    public IReadOnlyList<(int Generation, string Phase, double MeanMs)> Phases()
    {
        lock (pauseLock)
        {
            return [.. phases.OrderBy(p => p.Key.Generation).ThenByDescending(p => p.Value.Ms).Select(p => (p.Key.Generation, p.Key.Phase, p.Value.Ms / p.Value.Count))];
        }
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
        if (!recording || eventData.PayloadNames is not { } names || eventData.Payload is not { } payload)
        {
            return;
        }

        switch (eventData.EventId)
        {
            case SuspendBeginId:
                suspendBegin = eventData.TimeStamp;
                pauseGeneration = -1;
                return;
            case SuspendEndId:
                suspendEnd = eventData.TimeStamp;
                return;
            case GcStartId:
                pauseGeneration = (int)Number(names, payload, "Depth");
                gcStart = eventData.TimeStamp;
                marks.Clear();
                return;
            case MarkWithTypeId:
                marks.Add(((int)Number(names, payload, "HeapNum"), (int)Number(names, payload, "Type"), eventData.TimeStamp));
                return;
            case RestartEndId when suspendBegin != default:
                lock (pauseLock)
                {
                    pauses.Add((pauseGeneration, (suspendEnd - suspendBegin).TotalMilliseconds, (eventData.TimeStamp - suspendBegin).TotalMilliseconds));
                    if (pauseGeneration >= 0 && marks.Count > 0)
                    {
                        RecordPhases(eventData.TimeStamp);
                    }
                }

                suspendBegin = default;
                return;
        }

        if (eventData.EventId == HeapStatsId)
        {
            Interlocked.Add(ref promotedFromGen0, Number(names, payload, "TotalPromotedSize0"));
            Interlocked.Add(ref promotedFromGen1, Number(names, payload, "TotalPromotedSize1"));
            return;
        }

        if (eventData.EventId != AllocationTickId)
        {
            return;
        }

        var type = names.IndexOf("TypeName") is >= 0 and var t ? payload[t] as string ?? "?" : "?";
        var amount = names.IndexOf("AllocationAmount64") >= 0 ? Number(names, payload, "AllocationAmount64") : 100_000;
        bytesByType.AddOrUpdate(type, amount, (_, sum) => sum + amount);
    }

    /// <summary>Each heap's root kinds in the order it marked them; what follows its last mark until the restart is the rest of the collection.</summary>
    private void RecordPhases(DateTime restarted)
    {
        var heaps = marks.GroupBy(m => m.Heap).ToList();
        foreach (var heap in heaps)
        {
            var previous = gcStart;
            foreach (var mark in heap.OrderBy(m => m.At))
            {
                var kind = mark.Kind >= 0 && mark.Kind < RootKinds.Length ? RootKinds[mark.Kind] : $"root kind {mark.Kind}";
                Add(kind, (mark.At - previous).TotalMilliseconds);
                previous = mark.At;
            }
        }

        Add("after marking", (restarted - marks.Max(m => m.At)).TotalMilliseconds);
        Add("before the first mark (suspension, start)", (marks.Min(m => m.At) - suspendBegin).TotalMilliseconds);

        void Add(string phase, double ms)
        {
            var key = (pauseGeneration, phase);
            var (sum, count) = phases.GetValueOrDefault(key);
            phases[key] = (sum + ms, count + 1);
        }
    }

    private static long Number(IList<string> names, IList<object?> payload, string name) =>
        names.IndexOf(name) is >= 0 and var i ? Convert.ToInt64(payload[i], System.Globalization.CultureInfo.InvariantCulture) : 0;
}
