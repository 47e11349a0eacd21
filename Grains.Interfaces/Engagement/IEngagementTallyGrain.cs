using Orleans;
using Orleans.Concurrency;

namespace Glance.Grains.Interfaces.Engagement;

/// <summary>An event's engagement counts (key: "tenant/event"), fed by the viewer grains after they recorded an engagement.</summary>
public interface IEngagementTallyGrain : IGrainWithStringKey
{
    /// <summary>Counts one engagement once: a viewer's sequence numbers only grow, so a repeat is recognised and skipped.</summary>
    Task RecordAsync(string viewerId, EngagementReceipt receipt, int optionCount, CancellationToken cancellationToken = default);

    [AlwaysInterleave]
    Task<EngagementResults> GetResultsAsync(int topScores, CancellationToken cancellationToken = default);

    /// <summary>The event was deleted: forget its counts.</summary>
    Task ClearAsync(CancellationToken cancellationToken = default);
}
