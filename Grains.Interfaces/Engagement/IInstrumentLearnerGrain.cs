namespace Glance.Grains.Interfaces.Engagement;

/// <summary>
/// An event's contextual bandit (key: "tenant/event"): it learns from feedback only. Decisions never call it in their
/// path; each silo caches its snapshot and refreshes it in the background.
/// </summary>
public interface IInstrumentLearnerGrain : IGrainWithStringKey
{
    /// <summary>Feedback about a learner decision; fire-and-forget, because the engagement itself is already durable in the viewer grain.</summary>
    [OneWay]
    Task ObserveAsync(LearningObservation observation);

    /// <summary>The model, or null when it is still at <paramref name="knownVersion"/> of <paramref name="knownGeneration"/>.</summary>
    [AlwaysInterleave]
    Task<LearnerSnapshot?> GetSnapshotAsync(Guid knownGeneration, long knownVersion, CancellationToken cancellationToken = default);

    [AlwaysInterleave]
    Task<LearningReport> GetReportAsync(CancellationToken cancellationToken = default);

    /// <summary>The event was deleted: forget the model.</summary>
    Task ClearAsync(CancellationToken cancellationToken = default);
}
