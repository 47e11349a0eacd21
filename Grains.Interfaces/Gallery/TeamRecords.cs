using Orleans;
using Orleans.Concurrency;

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
