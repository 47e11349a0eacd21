namespace Glance.Detection.Local.Imaging;

/// <summary>RGB to luma (BT.601 weights, the ones broadcast graphics are designed against).</summary>
public static class Greyscale
{
    public static GreyImage FromRgb(RgbImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        return FromRgb(image, new PixelRect(0, 0, image.Width, image.Height));
    }

    public static GreyImage FromRgb(RgbImage image, PixelRect region)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (region.IsEmpty || region.X < 0 || region.Y < 0 || region.Right > image.Width || region.Bottom > image.Height)
        {
            throw new ArgumentOutOfRangeException(nameof(region), region, $"The region must lie inside the {image.Width}x{image.Height} image.");
        }

        var grey = new GreyImage(region.Width, region.Height);
        var source = image.Pixels.Span;
        for (var y = 0; y < region.Height; y++)
        {
            var row = source.Slice((((region.Y + y) * image.Width) + region.X) * 3, region.Width * 3);
            var target = grey.Row(y);
            for (int x = 0, i = 0; x < target.Length; x++, i += 3)
            {
                // 77/150/29 out of 256 is 0.299/0.587/0.114 to within rounding; +128 rounds to nearest.
                target[x] = (byte)(((77 * row[i]) + (150 * row[i + 1]) + (29 * row[i + 2]) + 128) >> 8);
            }
        }

        return grey;
    }
}
