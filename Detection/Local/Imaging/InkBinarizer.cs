namespace Glance.Detection.Local.Imaging;

/// <summary>
/// Local adaptive binarization that makes ink black on white whatever its polarity: broadcast text is as often light
/// on dark (scoreboards, lower thirds) as dark on light, while OCR engines expect dark ink.
/// The minority class of a wide window is taken to be the ink: the sign of the window's skewness says whether the
/// bright or the dark pixels are the minority (a two-tone window with a fraction q of bright pixels has positive skew
/// exactly when q &lt; 1/2). The polarity window is wider than the threshold window so that the counters of letters
/// (the dark inside of a light "O") do not flip it. A pixel is ink when it lies beyond mean +- k standard deviations
/// of the narrow window on the ink side, and only where that window has contrast at all.
/// </summary>
public static class InkBinarizer
{
    public const byte Ink = 0;
    public const byte Paper = 255;

    /// <param name="radius">Half the threshold window's side; about the height of the text to read works well.</param>
    /// <param name="polarityRadius">Half the polarity window's side; a few times <paramref name="radius"/>.</param>
    /// <param name="minStandardDeviation">Windows flatter than this (grey levels) are paper.</param>
    /// <param name="k">How far past the mean, in standard deviations, a pixel must lie to be ink.</param>
    public static GreyImage Binarize(GreyImage image, int radius, int polarityRadius, double minStandardDeviation, double k)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(radius);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(polarityRadius);
        ArgumentOutOfRangeException.ThrowIfNegative(minStandardDeviation);
        ArgumentOutOfRangeException.ThrowIfNegative(k);

        var width = image.Width;
        var output = new GreyImage(width, image.Height);
        var wide = new WindowSums(image, polarityRadius);
        var narrow = new WindowSums(image, radius);
        var s1 = new long[width];
        var s2 = new long[width];
        var s3 = new long[width];
        var counts = new int[width];
        var brightInk = new bool[width];
        var minVariance = minStandardDeviation * minStandardDeviation;

        for (var y = 0; wide.Next(s1, s2, s3, counts); y++)
        {
            for (var x = 0; x < width; x++)
            {
                double n = counts[x];
                var mean = s1[x] / n;
                var meanSquare = s2[x] / n;
                brightInk[x] = (s3[x] / n) - (3 * mean * meanSquare) + (2 * mean * mean * mean) > 0;
            }

            narrow.Next(s1, s2, s3, counts);
            var source = image.Row(y);
            var target = output.Row(y);
            for (var x = 0; x < width; x++)
            {
                double n = counts[x];
                var mean = s1[x] / n;
                var variance = (s2[x] / n) - (mean * mean);
                if (variance < minVariance)
                {
                    target[x] = Paper;
                    continue;
                }

                var deviation = source[x] - mean;
                var margin = k * Math.Sqrt(variance);
                target[x] = (brightInk[x] ? deviation > margin : deviation < -margin) ? Ink : Paper;
            }
        }

        return output;
    }
}
