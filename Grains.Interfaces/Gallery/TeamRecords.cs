namespace Glance.Grains.Interfaces.Gallery;

/// <param name="LogoId">A logo of the same gallery, or null.</param>
[GenerateSerializer, Immutable]
public sealed record TeamDefinition(string Name, IReadOnlyList<string> Abbreviations, IReadOnlyList<string> Nicknames, string? LogoId);

[GenerateSerializer, Immutable]
public sealed record TeamView(
    string Id,
    string Name,
    IReadOnlyList<string> Abbreviations,
    IReadOnlyList<string> Nicknames,
    string? LogoId,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

/// <summary>A team as the team detector takes it: the names it goes by on screen and its logo.</summary>
[GenerateSerializer, Immutable]
public sealed record GalleryTeam(string Id, string Name, IReadOnlyList<string> Abbreviations, IReadOnlyList<string> Nicknames, string? LogoId);
