namespace Glance.Detection.Local.Imaging;

/// <summary>
/// Summed-area tables of a grey image and of its squares: the sum and variance of any rectangle in O(1), which is what
/// makes normalized cross-correlation and local thresholds affordable at every position.
/// </summary>
public sealed class IntegralImage
{
    private readonly long[] sums;
    private readonly long[] squares;
    private readonly int stride;

    public IntegralImage(GreyImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        Width = image.Width;
        Height = image.Height;
        stride = Width + 1;
        sums = new long[stride * (Height + 1)];
        squares = new long[stride * (Height + 1)];
        for (var y = 0; y < Height; y++)
        {
            var row = image.Row(y);
            long rowSum = 0;
            long rowSquares = 0;
            var above = y * stride;
            var here = (y + 1) * stride;
            for (var x = 0; x < Width; x++)
            {
                int value = row[x];
                rowSum += value;
                rowSquares += value * value;
                sums[here + x + 1] = sums[above + x + 1] + rowSum;
                squares[here + x + 1] = squares[above + x + 1] + rowSquares;
            }
        }
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>Sum of the pixels in the rectangle (which must lie inside the image).</summary>
    public long Sum(int x, int y, int width, int height) => Box(sums, x, y, width, height);

    /// <summary>Sum of the squared pixels in the rectangle.</summary>
    public long SumOfSquares(int x, int y, int width, int height) => Box(squares, x, y, width, height);

    private long Box(long[] table, int x, int y, int width, int height)
    {
        var top = y * stride;
        var bottom = (y + height) * stride;
        return table[bottom + x + width] - table[bottom + x] - table[top + x + width] + table[top + x];
    }
}
