namespace Glance.Detection;

/// <summary>A team, recognized by its name, abbreviations and nicknames on screen, or by its logo.</summary>
public sealed record KnownTeam(
    string Id,
    string Name,
    IReadOnlyList<string> Abbreviations,
    IReadOnlyList<string> Nicknames,
    string? LogoId);
