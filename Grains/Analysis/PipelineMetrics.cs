using System.Diagnostics.Metrics;

namespace Glance.Grains.Analysis;

/// <summary>
/// The pipeline's instruments on the "Glance.Pipeline" meter, created through the host's <see cref="IMeterFactory"/>
/// (one singleton per host, registered beside the pipeline), so two silos in one process count apart.
/// </summary>
public sealed class PipelineMetrics
{
    public const string MeterName = "Glance.Pipeline";

    private Func<long>? queued;

    public PipelineMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(MeterName, "1.0");
        Segments = meter.CreateCounter<long>(
            "glance.pipeline.segments", unit: "{segment}", description: "Segments handled, by outcome (analysed, failed, duplicate; unpublished: its result could not be put on the results stream; deferred: left in flight behind an unpublished one).");
        Lag = meter.CreateHistogram<double>(
            "glance.pipeline.lag", unit: "s", description: "From a segment appearing in the playlist to its analysis starting.");
        Latency = meter.CreateHistogram<double>(
            "glance.pipeline.latency", unit: "s", description: "From a segment appearing in the playlist to its results being published.");
        ShedFrames = meter.CreateCounter<long>(
            "glance.pipeline.frames.shed", unit: "{frame}", description: "Sampled frames left undetected because the pipeline was behind.");
        DetectorDuration = meter.CreateHistogram<double>(
            "glance.detector.duration", unit: "s", description: "Time one detector took on one frame.");
        DetectorFailures = meter.CreateCounter<long>(
            "glance.detector.failures", unit: "{frame}", description: "Frames on which a detector threw or timed out.");
        meter.CreateObservableGauge("glance.pipeline.queued", () => queued?.Invoke() ?? 0, unit: "{segment}", description: "Segments waiting for analysis on this silo.");
    }

    public Counter<long> Segments { get; }

    public Histogram<double> Lag { get; }

    public Histogram<double> Latency { get; }

    public Counter<long> ShedFrames { get; }

    public Histogram<double> DetectorDuration { get; }

    public Counter<long> DetectorFailures { get; }

    public void ObserveQueue(Func<long> source) => queued = source;
}
