namespace Glance.Media.Frames;

/// <summary>
/// A decoded picture as packed 8-bit RGB (RGB24), row-major, stride = Width * 3, no padding.
/// Frames stay in memory from ffmpeg's pipe to the detectors: no image files, no JPEG round trip.
/// </summary>
public sealed record RgbImage
{
    public RgbImage(int width, int height, ReadOnlyMemory<byte> pixels)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        if (pixels.Length != checked(width * height * 3))
        {
            throw new ArgumentException($"Expected {width * height * 3} bytes for {width}x{height} RGB24, got {pixels.Length}.", nameof(pixels));
        }

        Width = width;
        Height = height;
        Pixels = pixels;
    }

    public int Width { get; }

    public int Height { get; }

    public ReadOnlyMemory<byte> Pixels { get; }

    public int Stride => Width * 3;
}
