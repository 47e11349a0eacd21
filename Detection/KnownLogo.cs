using Glance.Media.Frames;

namespace Glance.Detection;

/// <summary>A station or team logo to look for, as the broadcaster uploaded it (decoded).</summary>
public sealed record KnownLogo(string Id, string Name, RgbImage Template);
