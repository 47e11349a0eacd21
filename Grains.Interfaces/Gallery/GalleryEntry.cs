namespace Glance.Grains.Interfaces.Gallery;

/// <summary>One line of a tenant's gallery index: enough to list an item and to check references to it.</summary>
/// <param name="Revision">Grows by one with every change of the item; starts again at 1 when a deleted item is created anew.</param>
/// <param name="LogoId">For a team, the logo it refers to; otherwise null.</param>
[GenerateSerializer, Immutable]
public sealed record GalleryEntry(GalleryKind Kind, string Id, string Name, long Revision, DateTimeOffset UpdatedAt, string? LogoId = null);
