namespace Glance.Runtime.State;

/// <summary>
/// A grain's persistent state, shaped like Orleans' IPersistentState: read on activation, written when the grain
/// asks, guarded by an ETag so that a write based on stale state fails instead of overwriting newer state.
/// </summary>
public interface IPersistentState<TState>
    where TState : class, new()
{
    TState State { get; set; }

    /// <summary>The version last read or written; null when nothing is stored.</summary>
    string? Etag { get; }

    bool RecordExists { get; }

    Task ReadStateAsync(CancellationToken cancellationToken = default);

    /// <exception cref="Storage.InconsistentStateException">Someone else wrote since this state was read.</exception>
    Task WriteStateAsync(CancellationToken cancellationToken = default);

    /// <summary>Deletes the stored state and resets <see cref="State"/> to a new instance.</summary>
    Task ClearStateAsync(CancellationToken cancellationToken = default);
}
