namespace Glance.Grains.Interfaces.Gallery;

/// <summary>
/// Everything a tenant's gallery gives the detectors, each list ordered by id. The analysis side turns it into the
/// detectors' own context; these records are the grain boundary's, so that callers need not know the detectors.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record GallerySnapshot(
    IReadOnlyList<GalleryPerson> People,
    IReadOnlyList<GalleryLogo> Logos,
    IReadOnlyList<GalleryTeam> Teams,
    IReadOnlyList<GalleryClassifier> Classifiers)
{
    public static GallerySnapshot Empty { get; } = new([], [], [], []);
}
