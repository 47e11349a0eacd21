using Glance.Media.Frames;
using Orleans;
using Orleans.Concurrency;

namespace Glance.Grains.Interfaces.Gallery;

/// <param name="Template">The prepared template (at its on-air size); null keeps the stored one (not on creation).</param>
[GenerateSerializer, Immutable]
public sealed record LogoDefinition(string Name, RgbImage? Template);

/// <param name="Width">Template width in pixels, at its size in a frame of the logo detector's reference height (720 lines by default).</param>
[GenerateSerializer, Immutable]
public sealed record LogoView(string Id, string Name, int Width, int Height, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);
