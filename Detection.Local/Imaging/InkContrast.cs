namespace Glance.Detection.Local.Imaging;

/// <summary>
/// How far the ink of a patch stands from its paper: the pixels are split in two at Otsu's threshold (the split that
/// best separates two grey levels) and the class means compared. Broadcast graphics are drawn to be read from across
/// a room, in one colour on a plate, so their letters sit far from the plate; the blobs of a textured photograph that
/// the line finder chains into "words" are shades of their surroundings.
/// </summary>
public static class InkContrast
{
    /// <returns>The difference of the two classes' mean grey levels (0..255); 0 for a flat or empty patch.</returns>
    public static double Of(GreyImage image, PixelRect rect)
    {
        ArgumentNullException.ThrowIfNull(image);
        var clipped = rect.Intersect(new PixelRect(0, 0, image.Width, image.Height));
        if (clipped.IsEmpty)
        {
            return 0;
        }

        Span<int> histogram = stackalloc int[256];
        for (var y = clipped.Y; y < clipped.Bottom; y++)
        {
            foreach (var grey in image.Row(y).Slice(clipped.X, clipped.Width))
            {
                histogram[grey]++;
            }
        }

        long total = clipped.Area;
        long sum = 0;
        for (var level = 0; level < 256; level++)
        {
            sum += (long)level * histogram[level];
        }

        double best = -1, contrast = 0;
        long below = 0, sumBelow = 0;
        for (var level = 0; level < 255; level++)
        {
            below += histogram[level];
            sumBelow += (long)level * histogram[level];
            var above = total - below;
            if (below == 0 || above == 0)
            {
                continue;
            }

            var difference = ((double)(sum - sumBelow) / above) - ((double)sumBelow / below);
            var between = (double)below * above * difference * difference;
            if (between > best)
            {
                best = between;
                contrast = difference;
            }
        }

        return contrast;
    }
}
