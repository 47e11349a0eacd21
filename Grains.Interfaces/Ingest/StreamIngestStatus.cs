using Orleans;
using Orleans.Concurrency;

namespace Glance.Grains.Interfaces.Ingest;

/// <summary>A stream's ingestion as the API shows it.</summary>
[GenerateSerializer, Immutable]
public sealed record StreamIngestStatus(
    bool Running,
    string? Owner,
    Uri? MediaPlaylist,
    int Epoch,
    long? LastSequence,
    long SegmentsHanded,
    long GapSegments,
    int Restarts,
    int ConsecutiveErrors,
    bool Stalled,
    bool EndOfStream,
    DateTimeOffset? LastLoadAt,
    DateTimeOffset? LastNewSegmentAt,
    string? LastError,
    IReadOnlyList<StreamIngestEvent> RecentEvents);
