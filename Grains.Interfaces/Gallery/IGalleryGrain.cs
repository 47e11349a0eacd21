namespace Glance.Grains.Interfaces.Gallery;

/// <summary>
/// A tenant's gallery (key: the tenant id): the index of its people, logos, teams and classifiers, and the
/// <see cref="GallerySnapshot"/> assembled from them for the detectors. The snapshot is built once and kept in memory
/// until an item changes; <see cref="GetVersionAsync"/> tells callers when to fetch it again.
/// </summary>
/// <remarks>
/// To cache the snapshot (as the analysis pipeline does): read the version, then the snapshot, and keep both; fetch the
/// snapshot again only when <see cref="GetVersionAsync"/> answers a different number. Versions only grow (they are
/// persisted), so a change between the two reads is seen at the next version check.
/// </remarks>
public interface IGalleryGrain : IGrainWithStringKey
{
    /// <summary>Grows with every change to any item of the gallery. Cheap: answers from memory, never queues.</summary>
    [AlwaysInterleave]
    Task<long> GetVersionAsync(CancellationToken cancellationToken = default);

    /// <summary>The gallery as the detectors take it: people, logos, teams, classifiers, ordered by id.</summary>
    Task<GallerySnapshot> GetSnapshotAsync(CancellationToken cancellationToken = default);

    /// <summary>Items of one kind ordered by id, after <paramref name="afterId"/> (exclusive), at most <paramref name="limit"/>.</summary>
    [AlwaysInterleave]
    Task<IReadOnlyList<GalleryEntry>> ListAsync(GalleryKind kind, string? afterId, int limit, CancellationToken cancellationToken = default);

    /// <summary>Called by an item before it writes: checks room for a new item and that a team's logo exists.</summary>
    /// <exception cref="Common.ResourceConflictException">The gallery holds the most items of this kind allowed.</exception>
    /// <exception cref="Common.ValidationFailedException">The referenced logo is not in the gallery.</exception>
    Task ReserveAsync(GalleryKind kind, string id, string? logoId, CancellationToken cancellationToken = default);

    /// <summary>Called by a person after it wrote.</summary>
    Task PutPersonAsync(GalleryEntry entry, GalleryPerson person, CancellationToken cancellationToken = default);

    /// <summary>Called by a logo after it wrote.</summary>
    Task PutLogoAsync(GalleryEntry entry, GalleryLogo logo, CancellationToken cancellationToken = default);

    /// <summary>Called by a team after it wrote.</summary>
    Task PutTeamAsync(GalleryEntry entry, GalleryTeam team, CancellationToken cancellationToken = default);

    /// <summary>Called by a classifier after it wrote.</summary>
    Task PutClassifierAsync(GalleryEntry entry, GalleryClassifier classifier, CancellationToken cancellationToken = default);

    /// <summary>Called by an item before it deletes itself.</summary>
    /// <exception cref="Common.ResourceConflictException">Other items refer to it (a logo used by teams).</exception>
    Task CheckRemovalAsync(GalleryKind kind, string id, CancellationToken cancellationToken = default);

    /// <summary>Called by an item after it deleted itself.</summary>
    Task RemoveAsync(GalleryKind kind, string id, CancellationToken cancellationToken = default);
}
