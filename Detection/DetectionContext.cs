namespace Glance.Detection;

/// <summary>
/// What an event's detectors know: the broadcaster's gallery of people, logos and teams, trained classifiers, and the
/// event's thresholds and regions. Immutable; a new one is built when the broadcaster changes any of it.
/// </summary>
public sealed record DetectionContext
{
    public static DetectionContext Empty { get; } = new();

    public IReadOnlyList<KnownPerson> People { get; init; } = [];

    public IReadOnlyList<KnownLogo> Logos { get; init; } = [];

    public IReadOnlyList<KnownTeam> Teams { get; init; } = [];

    public IReadOnlyList<TrainedClassifier> Classifiers { get; init; } = [];

    public DetectionThresholds Thresholds { get; init; } = new();

    /// <summary>Where to read text (for example a scoreboard corner); empty means the whole frame.</summary>
    public IReadOnlyList<BoundingBox> TextRegions { get; init; } = [];

    /// <summary>Where to look for logos; empty means the four corners.</summary>
    public IReadOnlyList<BoundingBox> LogoRegions { get; init; } = [];
}
