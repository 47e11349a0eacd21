namespace Glance.Detection.Local.Imaging;

/// <summary>An 8-bit single-channel picture, row-major, stride = Width. The working form of every pixel algorithm here.</summary>
public sealed class GreyImage
{
    public GreyImage(int width, int height)
        : this(width, height, new byte[checked(Positive(width, nameof(width)) * Positive(height, nameof(height)))])
    {
    }

    public GreyImage(int width, int height, byte[] pixels)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentNullException.ThrowIfNull(pixels);
        if (pixels.Length != checked(width * height))
        {
            throw new ArgumentException($"Expected {width * height} bytes for a {width}x{height} grey image, got {pixels.Length}.", nameof(pixels));
        }

        Width = width;
        Height = height;
        Pixels = pixels;
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>The pixels; writable so that producers can fill a fresh image without a copy.</summary>
    public byte[] Pixels { get; }

    public Span<byte> Row(int y) => Pixels.AsSpan(y * Width, Width);

    /// <summary>A copy of the pixels inside <paramref name="rect"/> (which must lie inside the image).</summary>
    public GreyImage Crop(PixelRect rect)
    {
        if (rect.IsEmpty || rect.X < 0 || rect.Y < 0 || rect.Right > Width || rect.Bottom > Height)
        {
            throw new ArgumentOutOfRangeException(nameof(rect), rect, $"The crop must lie inside the {Width}x{Height} image.");
        }

        var crop = new GreyImage(rect.Width, rect.Height);
        for (var y = 0; y < rect.Height; y++)
        {
            Pixels.AsSpan(((rect.Y + y) * Width) + rect.X, rect.Width).CopyTo(crop.Row(y));
        }

        return crop;
    }

    private static int Positive(int value, string name)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value, name);
        return value;
    }
}
