namespace Glance.Grains.Interfaces.Gallery;

/// <summary>A gallery job as the broadcaster polls it: which item it fills, where it is, and why it failed if it did.</summary>
/// <param name="JobId">The job's id within its tenant (from the upload's Idempotency-Key or content).</param>
/// <param name="ItemId">The person, logo or classifier the job writes when it succeeds.</param>
/// <param name="Problem">Set when <paramref name="Status"/> is <see cref="GalleryJobStatus.Failed"/>.</param>
[GenerateSerializer, Immutable]
public sealed record GalleryJobView(
    string JobId,
    GalleryKind Kind,
    string ItemId,
    GalleryJobStatus Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    GalleryJobProblem? Problem);
