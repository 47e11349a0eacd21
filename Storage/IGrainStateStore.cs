namespace Glance.Storage;

/// <summary>
/// Grain state rows keyed by grain type and key, each with an ETag. Writes are conditional: that is how two silos
/// that activate the same grain stay correct.
/// </summary>
public interface IGrainStateStore
{
    /// <returns>The stored state, or null when there is none.</returns>
    Task<StoredState?> ReadAsync(string grainType, string grainKey, CancellationToken cancellationToken);

    /// <summary>Writes the state if the stored ETag is <paramref name="expectedETag"/> (null: no row may exist).</summary>
    /// <returns>The new ETag.</returns>
    /// <exception cref="Orleans.Storage.InconsistentStateException">The stored ETag is not the expected one.</exception>
    Task<string> WriteAsync(string grainType, string grainKey, ReadOnlyMemory<byte> data, string? expectedETag, CancellationToken cancellationToken);

    /// <summary>Deletes the state if the stored ETag is <paramref name="expectedETag"/>; clearing a missing row with a null ETag succeeds.</summary>
    /// <exception cref="Orleans.Storage.InconsistentStateException">The stored ETag is not the expected one.</exception>
    Task ClearAsync(string grainType, string grainKey, string? expectedETag, CancellationToken cancellationToken);
}
