namespace Glance.Grains.Interfaces.Ingest;

/// <summary>
/// A new media segment handed by a stream grain to analysis: once, in order, with everything needed to fetch it and
/// to place its frames in stream time. (Epoch, MediaSequence) identifies it; consumers de-duplicate on that.
/// </summary>
/// <param name="Epoch">Changes when the source restarts (its sequence numbers start over).</param>
/// <param name="Map">The fMP4 initialization section (EXT-X-MAP), when the stream has one.</param>
/// <param name="Previous">
/// The segment the stream grain handed before this one (null for a stream's first): the timeline records a segment
/// only after its predecessor, so that a result lost on its way cannot leave a hole behind a newer one.
/// </param>
[GenerateSerializer, Immutable]
public sealed record SegmentHandoff(
    string TenantId,
    string EventId,
    int Epoch,
    long MediaSequence,
    long DiscontinuitySequence,
    bool Discontinuity,
    Uri Uri,
    long? ByteRangeOffset,
    long? ByteRangeLength,
    double Duration,
    DateTimeOffset? ProgramDateTime,
    SegmentMap? Map,
    StreamIngestConfig Config,
    DateTimeOffset SeenAt,
    SegmentPosition? Previous = null);

[GenerateSerializer, Immutable]
public sealed record SegmentMap(Uri Uri, long? ByteRangeOffset, long? ByteRangeLength);
