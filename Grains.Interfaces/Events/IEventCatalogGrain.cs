namespace Glance.Grains.Interfaces.Events;

/// <summary>A tenant's list of events (key: the tenant id), kept by the event grains.</summary>
public interface IEventCatalogGrain : IGrainWithStringKey
{
    Task UpsertAsync(EventSummary summary, CancellationToken cancellationToken = default);

    Task RemoveAsync(string eventId, CancellationToken cancellationToken = default);

    /// <summary>Events ordered by id, after <paramref name="afterId"/> (exclusive), at most <paramref name="limit"/>.</summary>
    [AlwaysInterleave]
    Task<IReadOnlyList<EventSummary>> ListAsync(string? afterId, int limit, CancellationToken cancellationToken = default);
}
