namespace Glance.Grains.Interfaces.Gallery;

/// <summary>
/// Bounds of a tenant's gallery and of the uploads that fill it, kept by the gallery grains and by whoever reads uploads
/// for them (the API bounds a request by them before any image is decoded). Bound to "Gallery".
/// </summary>
public sealed class GalleryOptions
{
    public const string SectionName = "Gallery";

    public int MaxPeople { get; set; } = 1000;

    public int MaxLogos { get; set; } = 200;

    public int MaxTeams { get; set; } = 500;

    public int MaxClassifiers { get; set; } = 50;

    /// <summary>Reference images (face descriptors) per person.</summary>
    public int MaxReferenceImages { get; set; } = 10;

    /// <summary>Names of people, logos, teams and classifiers.</summary>
    public int MaxNameLength { get; set; } = 100;

    /// <summary>Abbreviations, and nicknames, per team.</summary>
    public int MaxTeamAliases { get; set; } = 20;

    public int MaxAliasLength { get; set; } = 50;

    /// <summary>
    /// Largest logo template stored, in pixels (300x300 by default): its raw RGB must fit a DynamoDB item (400 KB) even
    /// when it does not compress.
    /// </summary>
    public int MaxLogoPixels { get; set; } = 90_000;

    /// <summary>Examples one classifier training takes (each is decoded and run through the object network).</summary>
    public int MaxClassifierExamples { get; set; } = 100;

    /// <summary>Largest stored classifier model (about 100 KB for 50 classes on the default embedding).</summary>
    public int MaxClassifierModelBytes { get; set; } = 256 * 1024;

    /// <summary>Largest accepted image file in an upload.</summary>
    public int MaxImageBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>Largest accepted picture, in pixels before any scaling (a guard against decompression bombs).</summary>
    public int MaxImagePixels { get; set; } = 16_000_000;

    /// <summary>Classifier examples are scaled down to this long side when decoded: the object network sees 512x512.</summary>
    public int ClassifierExampleLongSide { get; set; } = 512;

    /// <summary>
    /// Budget of the gallery index's state row (ids, names, revisions of every item), under DynamoDB's 400 KB item
    /// limit; a change that would exceed it is refused.
    /// </summary>
    public int MaxIndexBytes { get; set; } = 350_000;

    /// <summary>
    /// Gallery jobs (face description, logo preparation, classifier training) that do their work at once on one silo;
    /// more wait their turn, so that uploads never take every core from segment analysis.
    /// </summary>
    public int MaxConcurrentJobsPerSilo { get; set; } = 1;

    /// <summary>The longest one job's work may take before it fails (a hundred examples train in tens of seconds).</summary>
    public TimeSpan JobTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// How often a reminder wakes a job that is not finished, so that one queued or running when its silo stopped carries
    /// on without anyone polling. At least the silo's minimum reminder period (one minute unless configured).
    /// </summary>
    public TimeSpan JobWakePeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long a finished job's row (its status, problem detail and idempotency record) is kept for polling; then it is
    /// deleted, its status answers 404 and the same Idempotency-Key starts a new job.
    /// </summary>
    public TimeSpan JobRetention { get; set; } = TimeSpan.FromDays(7);

    public int MaxItems(GalleryKind kind) => kind switch
    {
        GalleryKind.Person => MaxPeople,
        GalleryKind.Logo => MaxLogos,
        GalleryKind.Team => MaxTeams,
        GalleryKind.Classifier => MaxClassifiers,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown gallery kind."),
    };
}
