namespace Glance.Grains.Interfaces.Viewers;

/// <summary>
/// What a viewer (or the broadcaster for them) tells us, for targeting instruments: demographic (age range, gender,
/// country, languages), psychographic (interests) and behavioural or custom segments the broadcaster assigns.
/// Every field is optional; <see cref="Personalization"/> false means no personalized choice is made for this viewer.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ViewerProfile(
    string? AgeRange = null,
    string? Gender = null,
    string? Country = null,
    IReadOnlyList<string>? Languages = null,
    IReadOnlyList<string>? Interests = null,
    IReadOnlyList<string>? Segments = null,
    bool Personalization = true);

/// <summary>A stored profile and when it was first and last written.</summary>
[GenerateSerializer, Immutable]
public sealed record ViewerProfileView(
    string ViewerId,
    string? AgeRange,
    string? Gender,
    string? Country,
    IReadOnlyList<string> Languages,
    IReadOnlyList<string> Interests,
    IReadOnlyList<string> Segments,
    bool Personalization,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
