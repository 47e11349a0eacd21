namespace Glance.Grains.Interfaces.Ingest;

/// <summary>
/// Where a stream's analysis resumes: the last segment the timeline durably recorded, and the media analysis state
/// (the stream clock) after it, opaque JSON. Kept by the stream's ingest grain and handed with every segment, so that
/// analysis starting on any silo continues the clock without asking anyone.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record AnalysisResumePoint(int? Epoch, long? Sequence, string? AnalysisState)
{
    public static AnalysisResumePoint None { get; } = new(null, null, null);

    /// <summary>Whether the segment (epoch, sequence) is this point or before it.</summary>
    public bool Covers(int epoch, long sequence) =>
        Epoch is { } recordedEpoch && Sequence is { } recordedSequence && new SegmentPosition(recordedEpoch, recordedSequence).Covers(epoch, sequence);
}
