using Glance.Storage;

namespace Glance.Runtime.State;

/// <summary>The runtime's <see cref="IPersistentState{TState}"/>: one row in the grain state store.</summary>
internal sealed class PersistentState<TState>(IGrainStateStore store, string stateType, string grainKey) : IPersistentState<TState>, IPersistentStateReader
    where TState : class, new()
{
    public TState State { get; set; } = new();

    public string? Etag { get; private set; }

    public bool RecordExists => Etag is not null;

    public async Task ReadStateAsync(CancellationToken cancellationToken = default)
    {
        var stored = await store.ReadAsync(stateType, grainKey, cancellationToken).ConfigureAwait(false);
        State = stored is null ? new TState() : GrainStateSerializer.Deserialize<TState>(stored.Data.Span);
        Etag = stored?.ETag;
    }

    public async Task WriteStateAsync(CancellationToken cancellationToken = default)
    {
        Etag = await store.WriteAsync(stateType, grainKey, GrainStateSerializer.Serialize(State), Etag, cancellationToken).ConfigureAwait(false);
    }

    public async Task ClearStateAsync(CancellationToken cancellationToken = default)
    {
        await store.ClearAsync(stateType, grainKey, Etag, cancellationToken).ConfigureAwait(false);
        Etag = null;
        State = new TState();
    }
}
