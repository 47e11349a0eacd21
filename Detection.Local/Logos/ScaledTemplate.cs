namespace Glance.Detection.Local.Logos;

/// <summary>
/// A template resampled to one size, ready for correlation: values made zero-mean over the logo's own pixels (so the
/// score ignores brightness offsets) and zero on don't-care pixels, plus the runs of logo pixels on each row (so the
/// image's sums under the mask come from row prefix sums).
/// </summary>
internal sealed class ScaledTemplate
{
    private ScaledTemplate(int width, int height, float[] values, (int Start, int End)[][] runs, int count, double norm)
    {
        Width = width;
        Height = height;
        Values = values;
        Runs = runs;
        Count = count;
        Norm = norm;
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>Row-major, zero outside the mask.</summary>
    public float[] Values { get; }

    /// <summary>Per row, the [Start, End) column ranges that belong to the logo.</summary>
    public (int Start, int End)[][] Runs { get; }

    /// <summary>Logo pixels.</summary>
    public int Count { get; }

    /// <summary>Square root of the sum of squared values: the template's share of the NCC denominator.</summary>
    public double Norm { get; }

    /// <returns>Null when the template has no logo pixels or no contrast at this size.</returns>
    public static ScaledTemplate? Create(GreyImage grey, GreyImage mask, int width, int height)
    {
        var pixels = Resize.To(grey, width, height);
        var logo = Resize.To(mask, width, height);
        var inside = new bool[width * height];
        double sum = 0;
        var count = 0;
        for (var i = 0; i < inside.Length; i++)
        {
            if (logo.Pixels[i] >= 128)
            {
                inside[i] = true;
                sum += pixels.Pixels[i];
                count++;
            }
        }

        if (count < 4)
        {
            return null;
        }

        var mean = sum / count;
        var values = new float[width * height];
        double squares = 0;
        for (var i = 0; i < values.Length; i++)
        {
            if (inside[i])
            {
                var value = pixels.Pixels[i] - mean;
                values[i] = (float)value;
                squares += value * value;
            }
        }

        if (squares / count < 1)
        {
            return null;
        }

        var runs = new (int Start, int End)[height][];
        for (var y = 0; y < height; y++)
        {
            var rowRuns = new List<(int, int)>();
            var x = 0;
            while (x < width)
            {
                while (x < width && !inside[(y * width) + x])
                {
                    x++;
                }

                var start = x;
                while (x < width && inside[(y * width) + x])
                {
                    x++;
                }

                if (x > start)
                {
                    rowRuns.Add((start, x));
                }
            }

            runs[y] = [.. rowRuns];
        }

        return new ScaledTemplate(width, height, values, runs, count, Math.Sqrt(squares));
    }
}
