namespace Glance.Media.Hls;

/// <summary>A RESOLUTION attribute: width x height in pixels.</summary>
public readonly record struct Resolution(int Width, int Height);
