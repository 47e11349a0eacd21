namespace Glance.Grains.Interfaces.Gallery;

/// <summary>
/// One item of a tenant's gallery (key: "tenant/id"), holding its own data so that no state row carries the whole
/// gallery. After every change the item tells the tenant's <see cref="IGalleryGrain"/>, never the other way round,
/// except for the index's snapshot reads on a cold start, which interleave.
/// </summary>
/// <typeparam name="TDefinition">What a broadcaster writes (already turned from images into descriptors, templates, models).</typeparam>
/// <typeparam name="TView">What the API shows: metadata, never image bytes.</typeparam>
/// <typeparam name="TKnown">What the detectors take, as part of a <see cref="GallerySnapshot"/>.</typeparam>
public interface IGalleryItemGrain<TDefinition, TView, TKnown> : IGrainWithStringKey
    where TView : class
    where TKnown : class
{
    /// <summary>Creates the item, or replaces it.</summary>
    /// <param name="definition">The item; a definition without data (a name only) keeps the data the item has.</param>
    /// <param name="uploadedAt">
    /// When the upload the data was made from was submitted, for data a gallery job made. Jobs finish in any order (a
    /// slot frees up, a silo stops and a job runs again later): data from an upload older than the one the item holds
    /// is refused, so the newest upload wins whatever the order the work ends in.
    /// </param>
    /// <returns>The item, and whether it was created.</returns>
    /// <exception cref="Common.ValidationFailedException">The definition breaks a rule (name, counts, sizes, references).</exception>
    /// <exception cref="Common.ResourceConflictException">
    /// The tenant's gallery holds the most items of this kind allowed, or the item holds data from a later upload.
    /// </exception>
    Task<(TView Item, bool Created)> PutAsync(TDefinition definition, DateTimeOffset? uploadedAt = null, CancellationToken cancellationToken = default);

    /// <returns>The item, or null when it does not exist.</returns>
    [AlwaysInterleave]
    Task<TView?> GetAsync(CancellationToken cancellationToken = default);

    /// <returns>How many writes the item has had since it was created (see <see cref="GalleryEntry.Revision"/>); 0 when it does not exist.</returns>
    [AlwaysInterleave]
    Task<long> GetRevisionAsync(CancellationToken cancellationToken = default);

    /// <exception cref="Common.ResourceNotFoundException">The item does not exist.</exception>
    /// <exception cref="Common.ResourceConflictException">Other items refer to it (a logo used by teams).</exception>
    Task DeleteAsync(CancellationToken cancellationToken = default);

    /// <returns>The item as the detectors take it, or null when it does not exist.</returns>
    [AlwaysInterleave]
    Task<TKnown?> GetKnownAsync(CancellationToken cancellationToken = default);
}
