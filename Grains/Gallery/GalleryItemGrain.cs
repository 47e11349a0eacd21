namespace Glance.Grains.Gallery;

/// <summary>
/// What the four gallery items share: the write protocol with the tenant's index and the snapshot their reads serve.
/// A write asks the index for room first (a full gallery refuses a new item before anything is stored), writes the
/// item's own row, then hands the index the new entry and detection data; if the index refuses after all (another item
/// took the last place meanwhile) a new item is removed again. Reads interleave: they serve an immutable snapshot, so
/// the index's cold-start reads never wait behind an item that is itself waiting for the index.
/// </summary>
public abstract class GalleryItemGrain<TState, TDefinition, TView, TKnown>(
    IPersistentState<TState> item,
    IOptions<GalleryOptions> options,
    TimeProvider clock) : Grain
    where TState : GalleryItemState, new()
    where TDefinition : class
    where TView : class
    where TKnown : class
{
    private volatile Snapshot? snapshot;

    protected GalleryOptions Settings => options.Value;

    protected abstract GalleryKind Kind { get; }

    /// <summary>The item's id within its tenant.</summary>
    protected string ItemId => ResourceId.Unscope(this.GetPrimaryKeyString()).Id;

    private IGalleryGrain Index => GrainFactory.GetGrainByKey<IGalleryGrain>(ResourceId.Unscope(this.GetPrimaryKeyString()).TenantId);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        Publish();
        return Task.CompletedTask;
    }

    public async Task<(TView Item, bool Created)> PutAsync(TDefinition definition, DateTimeOffset? uploadedAt = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var created = !item.RecordExists;
        ValidateDefinition(definition, created);
        var index = Index;
        await index.ReserveAsync(Kind, ItemId, LogoReference(definition), cancellationToken);
        var now = clock.GetUtcNow();
        await item.UpdateAsync(
            s =>
            {
                if (uploadedAt is { } submitted)
                {
                    if (s.DataUploadedAt > submitted)
                    {
                        throw new ResourceConflictException(
                            $"{Kind} '{ItemId}' already holds data from an upload submitted at {s.DataUploadedAt:O}, later than this one ({submitted:O}); the later upload wins.");
                    }

                    s.DataUploadedAt = submitted;
                }

                Apply(definition, s);
                s.Revision++;
                s.CreatedAt = s.CreatedAt == default ? now : s.CreatedAt;
                s.UpdatedAt = now;
                return s;
            },
            cancellationToken);
        var published = Publish()!;
        try
        {
            await PublishAsync(index, Entry(item.State), published.Known, cancellationToken);
        }
        catch (ResourceConflictException) when (created)
        {
            await item.ClearStateAsync(CancellationToken.None);
            Publish();
            throw;
        }

        return (published.View, created);
    }

    public Task<TView?> GetAsync(CancellationToken cancellationToken = default) => Task.FromResult(snapshot?.View);

    public Task<long> GetRevisionAsync(CancellationToken cancellationToken = default) => Task.FromResult(snapshot?.Revision ?? 0);

    public Task<TKnown?> GetKnownAsync(CancellationToken cancellationToken = default) => Task.FromResult(snapshot?.Known);

    public async Task DeleteAsync(CancellationToken cancellationToken = default)
    {
        if (!item.RecordExists)
        {
            throw new ResourceNotFoundException(Kind.ToString(), ItemId);
        }

        var index = Index;
        await index.CheckRemovalAsync(Kind, ItemId, cancellationToken);
        await item.ClearStateAsync(cancellationToken);
        Publish();
        await index.RemoveAsync(Kind, ItemId, cancellationToken);
        DeactivateOnIdle();
    }

    /// <summary>The name every kind has, checked here for all of them.</summary>
    protected abstract string? NameOf(TDefinition definition);

    /// <summary>
    /// The kind's own rules, added to <paramref name="rules"/> (the name is checked already); <paramref name="creating"/>
    /// when the item does not exist yet.
    /// </summary>
    private protected abstract void Validate(TDefinition definition, bool creating, GalleryRules rules);

    /// <summary>Checks a definition before anything is stored, reporting every broken rule at once.</summary>
    /// <exception cref="ValidationFailedException">A rule is broken.</exception>
    private void ValidateDefinition(TDefinition definition, bool creating)
    {
        var rules = new GalleryRules();
        rules.RequireText("name", NameOf(definition), Settings.MaxNameLength, "A name");
        Validate(definition, creating, rules);
        rules.ThrowIfAny();
    }

    /// <summary>Copies a (validated) definition into the state. Must depend on its arguments only: it may run again after a write conflict.</summary>
    protected abstract void Apply(TDefinition definition, TState state);

    protected abstract TView ToView(TState state);

    protected abstract TKnown ToKnown(TState state);

    /// <summary>Hands the index this item's entry and detection data.</summary>
    protected abstract Task PublishAsync(IGalleryGrain index, GalleryEntry entry, TKnown known, CancellationToken cancellationToken);

    /// <summary>The logo the item refers to (teams), checked by the index before the write.</summary>
    protected virtual string? LogoReference(TDefinition definition) => null;

    protected virtual GalleryEntry Entry(TState state) => new(Kind, ItemId, state.Name, state.Revision, state.UpdatedAt);

    private Snapshot? Publish() =>
        snapshot = item.RecordExists ? new Snapshot(ToView(item.State), ToKnown(item.State), item.State.Revision) : null;

    private sealed record Snapshot(TView View, TKnown Known, long Revision);
}
