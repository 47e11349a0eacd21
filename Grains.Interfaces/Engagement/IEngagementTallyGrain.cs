namespace Glance.Grains.Interfaces.Engagement;

/// <summary>An event's engagement counts (key: "tenant/event"), fed by the viewer grains after they recorded an engagement.</summary>
public interface IEngagementTallyGrain : IGrainWithStringKey
{
    /// <summary>
    /// Counts one engagement once (a viewer's sequence numbers only grow, so a repeat is recognised and skipped) and
    /// answers once the count is written. Interleaved, so that the engagements arriving during a write share the next.
    /// </summary>
    [AlwaysInterleave]
    Task RecordAsync(string viewerId, EngagementReceipt receipt, int optionCount, CancellationToken cancellationToken = default);

    [AlwaysInterleave]
    Task<EngagementResults> GetResultsAsync(int topScores, CancellationToken cancellationToken = default);

    /// <summary>The event was deleted: forget its counts.</summary>
    Task ClearAsync(CancellationToken cancellationToken = default);
}
