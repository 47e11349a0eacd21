namespace Glance.Detection.Local.Logos;

/// <summary>The best place a logo was found in a frame.</summary>
/// <param name="Score">Normalized cross-correlation over the logo's pixels, -1..1 (1 is a perfect match).</param>
/// <param name="Scale">Size relative to the template's nominal size in this frame.</param>
public sealed record LogoMatch(double Score, BoundingBox Box, double Scale);
