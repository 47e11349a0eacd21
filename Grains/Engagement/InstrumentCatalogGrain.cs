using Glance.Grains.Interfaces.Events;
namespace Glance.Grains.Engagement;

[GenerateSerializer(GenerateFieldIds = GenerateFieldIds.PublicProperties)]
public sealed class InstrumentCatalogState
{
    public SortedDictionary<string, InstrumentView> Instruments { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>
/// One event's instruments. Decisions and lists read an immutable snapshot, so they never wait behind a write; decisions
/// mostly read each silo's copy of it (<see cref="InstrumentCatalogCache"/>).
/// </summary>
[GrainType("instrument-catalog")]
public sealed class InstrumentCatalogGrain(
    [PersistentState("instruments")] IPersistentState<InstrumentCatalogState> catalog,
    IOptions<EngagementOptions> options,
    InstrumentCatalogCache copies,
    TimeProvider clock) : Grain, IInstrumentCatalogGrain
{
    private volatile InstrumentView[] snapshot = [];

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        Publish();
        return Task.CompletedTask;
    }

    public async Task<(InstrumentView View, bool Created)> PutAsync(string instrumentId, InstrumentDefinition definition, CancellationToken cancellationToken = default)
    {
        InstrumentRules.RequireId(instrumentId);
        var normalized = InstrumentRules.Normalize(definition);
        if (await GrainFactory.GetGrainByKey<ILiveEventGrain>(this.GetPrimaryKeyString()).GetAsync(cancellationToken) is null)
        {
            throw new ResourceNotFoundException("Event", EventId);
        }

        var limit = options.Value.MaxInstrumentsPerEvent;
        if (!catalog.State.Instruments.ContainsKey(instrumentId) && catalog.State.Instruments.Count >= limit)
        {
            throw new ResourceConflictException($"The event has {limit} instruments, the most allowed; delete some first.");
        }

        var now = clock.GetUtcNow();
        InstrumentView? stored = null;
        var created = false;
        await catalog.UpdateOrForgetAsync(
            s =>
            {
                created = !s.Instruments.TryGetValue(instrumentId, out var existing);
                stored = new InstrumentView(instrumentId, normalized, (existing?.Revision ?? 0) + 1, existing?.CreatedAt ?? now, now);
                s.Instruments[instrumentId] = stored;
                return s;
            },
            DeactivateOnIdle,
            cancellationToken);
        Publish();
        return (stored!, created);
    }

    public Task<InstrumentView> GetAsync(string instrumentId, CancellationToken cancellationToken = default) =>
        Array.Find(snapshot, i => i.Id == instrumentId) is { } view
            ? Task.FromResult(view)
            : throw new ResourceNotFoundException("Instrument", instrumentId);

    public async Task DeleteAsync(string instrumentId, CancellationToken cancellationToken = default)
    {
        if (!catalog.State.Instruments.ContainsKey(instrumentId))
        {
            throw new ResourceNotFoundException("Instrument", instrumentId);
        }

        await catalog.UpdateOrForgetAsync(
            s =>
            {
                s.Instruments.Remove(instrumentId);
                return s;
            },
            DeactivateOnIdle,
            cancellationToken);
        Publish();
    }

    public Task<IReadOnlyList<InstrumentView>> ListAsync(string? afterId, int limit, CancellationToken cancellationToken = default)
    {
        var all = snapshot;
        var start = 0;
        while (afterId is not null && start < all.Length && string.CompareOrdinal(all[start].Id, afterId) <= 0)
        {
            start++;
        }

        return Task.FromResult<IReadOnlyList<InstrumentView>>(all.AsSpan(start, Math.Min(limit, all.Length - start)).ToArray());
    }

    public Task<IReadOnlyList<InstrumentView>> GetAllAsync(CancellationToken cancellationToken = default) => Task.FromResult<IReadOnlyList<InstrumentView>>(snapshot);

    public async Task ClearAsync(CancellationToken cancellationToken = default)
    {
        await catalog.ClearStateAsync(cancellationToken);
        catalog.State = new InstrumentCatalogState();
        Publish();
    }

    private string EventId => ResourceId.Unscope(this.GetPrimaryKeyString()).Id;

    private void Publish()
    {
        snapshot = [.. catalog.State.Instruments.Values];
        copies.Forget(this.GetPrimaryKeyString());
    }
}
