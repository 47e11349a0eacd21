namespace Glance.Detection.Local.Imaging;

/// <summary>
/// Local adaptive binarization into two ink maps, one per polarity: broadcast text is as often light on dark
/// (scoreboards, lower thirds) as dark on light, and which it is changes from one plate to the next, so neither a global
/// choice nor a window-local guess holds up at plate edges. A pixel is bright ink when it lies more than k standard
/// deviations above its window's mean, dark ink when as far below, and nothing where the window has no contrast.
/// Callers keep whichever map forms text (the other holds the letters' counters and the plate).
/// </summary>
public static class InkBinarizer
{
    public const byte Ink = 0;
    public const byte Paper = 255;

    /// <param name="radius">Half the window's side; about a character height works well.</param>
    /// <param name="minStandardDeviation">Windows flatter than this (grey levels) are paper in both maps.</param>
    /// <param name="k">How far past the mean, in standard deviations, a pixel must lie to be ink.</param>
    /// <returns>Dark ink black on white, and bright ink black on white.</returns>
    public static (GreyImage Dark, GreyImage Bright) Binarize(GreyImage image, int radius, double minStandardDeviation, double k)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(radius);
        ArgumentOutOfRangeException.ThrowIfNegative(minStandardDeviation);
        ArgumentOutOfRangeException.ThrowIfNegative(k);

        var width = image.Width;
        var dark = new GreyImage(width, image.Height);
        var bright = new GreyImage(width, image.Height);
        var window = new WindowSums(image, radius);
        var sums = new long[width];
        var squares = new long[width];
        var counts = new int[width];
        var minVariance = minStandardDeviation * minStandardDeviation;

        // Compared squared: a square root per pixel was a third of the line finder's binarization.
        var kSquared = k * k;

        for (var y = 0; window.Next(sums, squares, counts); y++)
        {
            var source = image.Row(y);
            var darkRow = dark.Row(y);
            var brightRow = bright.Row(y);
            for (var x = 0; x < width; x++)
            {
                double n = counts[x];
                var mean = sums[x] / n;
                var variance = (squares[x] / n) - (mean * mean);
                var deviation = source[x] - mean;
                var ink = variance >= minVariance && deviation * deviation > kSquared * variance;
                darkRow[x] = ink && deviation < 0 ? Ink : Paper;
                brightRow[x] = ink && deviation > 0 ? Ink : Paper;
            }
        }

        return (dark, bright);
    }
}
