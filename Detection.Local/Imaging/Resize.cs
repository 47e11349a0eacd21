namespace Glance.Detection.Local.Imaging;

/// <summary>Resampling: bilinear for moderate factors, box averaging first when shrinking a lot (bilinear alone aliases).</summary>
public static class Resize
{
    public static GreyImage To(GreyImage source, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        if (width == source.Width && height == source.Height)
        {
            return source;
        }

        var factor = Math.Min(source.Width / width, source.Height / height);
        if (factor >= 2)
        {
            source = BoxReduce(source, factor);
        }

        return Bilinear(source, width, height);
    }

    /// <summary>Shrinks by an integer factor, each output pixel the mean of a factor x factor block (edges dropped).</summary>
    public static GreyImage BoxReduce(GreyImage source, int factor)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentOutOfRangeException.ThrowIfLessThan(factor, 1);
        if (factor == 1)
        {
            return source;
        }

        var width = source.Width / factor;
        var height = source.Height / factor;
        if (width == 0 || height == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(factor), factor, $"A {source.Width}x{source.Height} image cannot shrink by {factor}.");
        }

        var target = new GreyImage(width, height);
        var sums = new int[width];
        var area = factor * factor;
        var half = area / 2;
        for (var y = 0; y < height; y++)
        {
            Array.Clear(sums);
            for (var dy = 0; dy < factor; dy++)
            {
                var row = source.Row((y * factor) + dy);
                for (int x = 0, sx = 0; x < width; x++)
                {
                    var sum = 0;
                    for (var dx = 0; dx < factor; dx++, sx++)
                    {
                        sum += row[sx];
                    }

                    sums[x] += sum;
                }
            }

            var output = target.Row(y);
            for (var x = 0; x < width; x++)
            {
                output[x] = (byte)((sums[x] + half) / area);
            }
        }

        return target;
    }

    /// <summary>Bilinear resampling with pixel centres aligned (the corners of both images coincide).</summary>
    public static GreyImage Bilinear(GreyImage source, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        var target = new GreyImage(width, height);
        var x0 = new int[width];
        var x1 = new int[width];
        var wx = new int[width];
        Weights(source.Width, width, x0, x1, wx);
        var y0 = new int[height];
        var y1 = new int[height];
        var wy = new int[height];
        Weights(source.Height, height, y0, y1, wy);

        for (var y = 0; y < height; y++)
        {
            var top = source.Row(y0[y]);
            var bottom = source.Row(y1[y]);
            var fy = wy[y];
            var output = target.Row(y);
            for (var x = 0; x < width; x++)
            {
                var fx = wx[x];
                var upper = (top[x0[x]] * (256 - fx)) + (top[x1[x]] * fx);
                var lower = (bottom[x0[x]] * (256 - fx)) + (bottom[x1[x]] * fx);
                output[x] = (byte)(((upper * (256 - fy)) + (lower * fy) + 32768) >> 16);
            }
        }

        return target;
    }

    /// <summary>For each target index: the two source indices and the weight of the second, in 1/256.</summary>
    private static void Weights(int sourceLength, int targetLength, int[] first, int[] second, int[] weight)
    {
        var ratio = (double)sourceLength / targetLength;
        for (var i = 0; i < targetLength; i++)
        {
            var position = Math.Clamp(((i + 0.5) * ratio) - 0.5, 0, sourceLength - 1);
            var index = (int)position;
            first[i] = index;
            second[i] = Math.Min(index + 1, sourceLength - 1);
            weight[i] = (int)Math.Round((position - index) * 256);
        }
    }
}
