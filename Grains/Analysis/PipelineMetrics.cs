using System.Diagnostics.Metrics;

namespace Glance.Grains.Analysis;

/// <summary>The pipeline's instruments on the "Glance.Pipeline" meter.</summary>
internal static class PipelineMetrics
{
    private static readonly Meter Meter = new("Glance.Pipeline", "1.0");

    public static readonly Counter<long> Segments = Meter.CreateCounter<long>(
        "glance.pipeline.segments", unit: "{segment}", description: "Segments handled, by outcome (analysed, failed, duplicate; unpublished: its result could not be put on the results stream; deferred: left in flight behind an unpublished one).");

    public static readonly Histogram<double> Lag = Meter.CreateHistogram<double>(
        "glance.pipeline.lag", unit: "s", description: "From a segment appearing in the playlist to its analysis starting.");

    public static readonly Histogram<double> Latency = Meter.CreateHistogram<double>(
        "glance.pipeline.latency", unit: "s", description: "From a segment appearing in the playlist to its results being published.");

    public static readonly Counter<long> ShedFrames = Meter.CreateCounter<long>(
        "glance.pipeline.frames.shed", unit: "{frame}", description: "Sampled frames left undetected because the pipeline was behind.");

    public static readonly Histogram<double> DetectorDuration = Meter.CreateHistogram<double>(
        "glance.detector.duration", unit: "s", description: "Time one detector took on one frame.");

    public static readonly Counter<long> DetectorFailures = Meter.CreateCounter<long>(
        "glance.detector.failures", unit: "{frame}", description: "Frames on which a detector threw or timed out.");

    private static Func<long>? queued;

    static PipelineMetrics()
    {
        Meter.CreateObservableGauge("glance.pipeline.queued", () => queued?.Invoke() ?? 0, unit: "{segment}", description: "Segments waiting for analysis on this silo.");
    }

    public static void ObserveQueue(Func<long> source) => queued = source;
}
