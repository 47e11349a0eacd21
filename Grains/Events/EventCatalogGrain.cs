using Glance.Grains.Interfaces.Events;
namespace Glance.Grains.Events;

[GenerateSerializer(GenerateFieldIds = GenerateFieldIds.PublicProperties)]
public sealed class EventCatalogState
{
    public SortedDictionary<string, EventSummary> Events { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>A tenant's event list. Listing reads an immutable snapshot, so it never waits behind an update.</summary>
[GrainType("event-catalog")]
public sealed class EventCatalogGrain([PersistentState("catalog")] IPersistentState<EventCatalogState> catalog, IOptions<EventOptions> options) : Grain, IEventCatalogGrain
{
    private volatile EventSummary[] snapshot = [];

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        Publish();
        return Task.CompletedTask;
    }

    public async Task UpsertAsync(EventSummary summary, CancellationToken cancellationToken = default)
    {
        if (!catalog.State.Events.ContainsKey(summary.Id) && catalog.State.Events.Count >= options.Value.MaxEventsPerTenant)
        {
            throw new ResourceConflictException($"The tenant has {options.Value.MaxEventsPerTenant} events, the most allowed; delete some first.");
        }

        if (catalog.State.Events.TryGetValue(summary.Id, out var existing) && existing == summary)
        {
            return;
        }

        await catalog.UpdateAsync(
            s =>
            {
                s.Events[summary.Id] = summary;
                return s;
            },
            cancellationToken);
        Publish();
    }

    public async Task RemoveAsync(string eventId, CancellationToken cancellationToken = default)
    {
        if (!catalog.State.Events.ContainsKey(eventId))
        {
            return;
        }

        await catalog.UpdateAsync(
            s =>
            {
                s.Events.Remove(eventId);
                return s;
            },
            cancellationToken);
        Publish();
    }

    public Task<IReadOnlyList<EventSummary>> ListAsync(string? afterId, int limit, CancellationToken cancellationToken = default)
    {
        var all = snapshot;
        var start = 0;
        if (afterId is not null)
        {
            start = Array.BinarySearch(all, new EventSummary(afterId, string.Empty, default, default, default), ById.Instance);
            start = start >= 0 ? start + 1 : ~start;
        }

        return Task.FromResult<IReadOnlyList<EventSummary>>(all.AsSpan(start, Math.Min(limit, all.Length - start)).ToArray());
    }

    private void Publish() => snapshot = [.. catalog.State.Events.Values.OrderBy(e => e.Id, StringComparer.Ordinal)];

    private sealed class ById : IComparer<EventSummary>
    {
        public static readonly ById Instance = new();

        public int Compare(EventSummary? x, EventSummary? y) => string.CompareOrdinal(x?.Id, y?.Id);
    }
}
