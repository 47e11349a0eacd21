using Glance.Grains.Interfaces.Monitoring;
namespace Glance.Grains.Interfaces.Timeline;

/// <summary>A segment as the segments API shows it: its analysis outcome and checks, without per-frame detail.</summary>
/// <param name="Monitoring">The monitoring checks against the schedule, with per-frame evidence: filled in by the one-segment
/// answer from the monitor grain (the timeline does not know them), null in lists and until the segment is checked.</param>
[GenerateSerializer, Immutable]
public sealed record SegmentStatus(
    long Sequence,
    int Epoch,
    SegmentOutcome Outcome,
    string? FailureReason,
    double? StreamStart,
    double? StreamEnd,
    DateTimeOffset? ProgramDateTime,
    int Frames,
    int Sightings,
    int ShedFrames,
    IReadOnlyList<string> DetectorErrors,
    SegmentSignals? Signals,
    SegmentTransport? Transport,
    IReadOnlyList<SegmentCue> Cues,
    SegmentTimings Timings,
    double LatencySeconds,
    DateTimeOffset AnalysedAt,
    SegmentChecks? Monitoring = null);
