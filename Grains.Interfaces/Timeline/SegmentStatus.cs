using Orleans;
using Orleans.Concurrency;

namespace Glance.Grains.Interfaces.Timeline;

/// <summary>A segment as the segments API shows it: its analysis outcome and checks, without per-frame detail.</summary>
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
    DateTimeOffset AnalysedAt);
