namespace Glance.Grains.Interfaces.Ingest;

/// <summary>A stream's ingestion as the API shows it.</summary>
/// <param name="LastSequence">The newest segment handed to analysis.</param>
/// <param name="RecordedSequence">The newest segment whose result the timeline has recorded (in <paramref name="RecordedEpoch"/>).</param>
/// <param name="RecentWarnings">The playlist's RFC 8216 violations read past, most recently seen first (bounded).</param>
[GenerateSerializer, Immutable]
public sealed record StreamIngestStatus(
    bool Running,
    string? Owner,
    Uri? MediaPlaylist,
    int Epoch,
    long? LastSequence,
    int? RecordedEpoch,
    long? RecordedSequence,
    long SegmentsHanded,
    long GapSegments,
    int Restarts,
    int ConsecutiveErrors,
    bool Stalled,
    bool EndOfStream,
    DateTimeOffset? LastLoadAt,
    DateTimeOffset? LastNewSegmentAt,
    string? LastError,
    IReadOnlyList<StreamIngestEvent> RecentEvents,
    IReadOnlyList<IngestPlaylistWarning> RecentWarnings);
