using Glance.Grains.Interfaces.Ingest;
namespace Glance.Grains.Interfaces.Timeline;

/// <summary>
/// Everything the pipeline learned from one segment, published as one message on the event's "segment-results" stream.
/// (Epoch, MediaSequence) identifies the segment; applying the same result twice changes nothing.
/// </summary>
/// <param name="Detectors">The detectors that ran on the frames (short names: logos, teams, ...); null when not known.</param>
/// <param name="AnalysisState">The media analysis state after this segment (opaque JSON), so a restart continues the stream clock.</param>
/// <param name="Previous">The segment handed before this one (see <see cref="Ingest.SegmentHandoff.Previous"/>).</param>
[GenerateSerializer, Immutable]
public sealed record SegmentAnalysisResult(
    string TenantId,
    string EventId,
    int Epoch,
    long MediaSequence,
    SegmentOutcome Outcome,
    string? FailureReason,
    double? StreamStart,
    double? StreamEnd,
    DateTimeOffset? ProgramDateTime,
    IReadOnlyList<AnalysedFrame> Frames,
    SegmentSignals? Signals,
    SegmentTransport? Transport,
    IReadOnlyList<SegmentCue> Cues,
    int ShedFrames,
    IReadOnlyList<string> DetectorErrors,
    SegmentTimings Timings,
    string? AnalysisState,
    DateTimeOffset SeenAt,
    DateTimeOffset AnalysedAt,
    IReadOnlyList<string>? Detectors = null,
    SegmentPosition? Previous = null);

public enum SegmentOutcome
{
    Analysed,
    Failed,
}

/// <summary>Audio and video signal checks, in stream time.</summary>
[GenerateSerializer, Immutable]
public sealed record SegmentSignals(
    bool AudioPresent,
    bool VideoPresent,
    bool Captions,
    IReadOnlyList<TimeRange> Silence,
    IReadOnlyList<TimeRange> Black,
    IReadOnlyList<TimeRange> Freeze,
    double? IntegratedLoudness,
    double? ShortTermMaxLoudness,
    double? TruePeak,
    bool? LoudnessPassed);

[GenerateSerializer, Immutable]
public sealed record TimeRange(double Start, double End);

/// <summary>TR 101 290 counts for the segment (check name to count; zero counts are left out).</summary>
/// <param name="CarriesPsi">The segment holds a PAT and a PMT with correct CRCs (RFC 8216 section 3.2); null in results
/// recorded before this was measured.</param>
[GenerateSerializer, Immutable]
public sealed record SegmentTransport(long Packets, IReadOnlyDictionary<string, long> Errors, bool? CarriesPsi = null);

/// <summary>An SCTE-35 cue found in the segment or its playlist tags.</summary>
[GenerateSerializer, Immutable]
public sealed record SegmentCue(string Command, double? Position, string? Description);

/// <summary>Where the time went, in milliseconds.</summary>
[GenerateSerializer, Immutable]
public sealed record SegmentTimings(double Fetch, double Media, double Detection, double Total);
