namespace Glance.Demo.Channel;

/// <summary>A rectangle of the source photo, in its pixels.</summary>
public sealed record FaceCrop(int X, int Y, int Width, int Height);
