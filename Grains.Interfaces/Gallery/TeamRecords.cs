namespace Glance.Grains.Interfaces.Gallery;

/// <param name="LogoId">A logo of the same gallery, or null.</param>
public sealed record TeamDefinition(string Name, IReadOnlyList<string> Abbreviations, IReadOnlyList<string> Nicknames, string? LogoId);

public sealed record TeamView(
    string Id,
    string Name,
    IReadOnlyList<string> Abbreviations,
    IReadOnlyList<string> Nicknames,
    string? LogoId,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
