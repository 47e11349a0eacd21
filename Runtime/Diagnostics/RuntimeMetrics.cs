using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Glance.Runtime;

/// <summary>
/// The runtime's instruments on the "Glance.Runtime" meter: activations by type, queued calls, turn latency,
/// timeouts and activation failures. Exported in Prometheus format at /metrics.
/// </summary>
public static class RuntimeMetrics
{
    public const string MeterName = "Glance.Runtime";

    internal static readonly Meter Meter = new(MeterName, "1.0");

    private static readonly UpDownCounter<long> Activations = Meter.CreateUpDownCounter<long>(
        "glance.grain.activations", unit: "{activation}", description: "Live grain activations by grain type.");

    private static readonly Histogram<double> TurnDuration = Meter.CreateHistogram<double>(
        "glance.grain.turn.duration", unit: "s", description: "Time a grain turn (a call, timer tick or stream delivery) takes to run.");

    internal static readonly Counter<long> CallTimeouts = Meter.CreateCounter<long>(
        "glance.grain.call.timeouts", unit: "{call}", description: "Grain calls failed with a timeout.");

    internal static readonly Counter<long> ActivationFailures = Meter.CreateCounter<long>(
        "glance.grain.activation.failures", unit: "{activation}", description: "Activations whose state read or OnActivateAsync failed.");

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<GrainRuntime, byte> Runtimes = new();

    static RuntimeMetrics()
    {
        Meter.CreateObservableGauge(
            "glance.grain.queued_calls",
            () => Runtimes.Keys.Sum(r => (long)r.QueuedCalls),
            unit: "{call}",
            description: "Calls waiting for their turn across all activations.");
    }

    internal static void Track(GrainRuntime runtime) => Runtimes.TryAdd(runtime, 0);

    internal static void Untrack(GrainRuntime runtime) => Runtimes.TryRemove(runtime, out _);

    internal static void Activated(string grainType) => Activations.Add(1, new KeyValuePair<string, object?>("grain_type", grainType));

    internal static void Deactivated(string grainType) => Activations.Add(-1, new KeyValuePair<string, object?>("grain_type", grainType));

    internal static void RecordTurn(string grainType, long startTimestamp)
    {
        if (TurnDuration.Enabled)
        {
            TurnDuration.Record(Stopwatch.GetElapsedTime(startTimestamp).TotalSeconds, new KeyValuePair<string, object?>("grain_type", grainType));
        }
    }
}
