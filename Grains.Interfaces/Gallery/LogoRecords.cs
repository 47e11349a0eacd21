namespace Glance.Grains.Interfaces.Gallery;

/// <param name="Template">The prepared template (at its on-air size); null keeps the stored one (not on creation).</param>
[GenerateSerializer, Immutable]
public sealed record LogoDefinition(string Name, LogoPicture? Template);

/// <param name="Width">Template width in pixels, at its size in a frame of the logo detector's reference height (720 lines by default).</param>
[GenerateSerializer, Immutable]
public sealed record LogoView(string Id, string Name, int Width, int Height, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>A logo as the logo detector takes it: the template at its on-air size.</summary>
[GenerateSerializer, Immutable]
public sealed record GalleryLogo(string Id, string Name, LogoPicture Template);
