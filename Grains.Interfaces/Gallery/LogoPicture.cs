namespace Glance.Grains.Interfaces.Gallery;

/// <summary>A logo template's pixels as packed 8-bit RGB (RGB24), row-major, no padding: Width * Height * 3 bytes.</summary>
[GenerateSerializer, Immutable]
public sealed record LogoPicture(int Width, int Height, ReadOnlyMemory<byte> Pixels);
