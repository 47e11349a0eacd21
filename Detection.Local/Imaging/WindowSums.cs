namespace Glance.Detection.Local.Imaging;

/// <summary>
/// Sums of p and p^2 over a square window around every pixel, produced row by row from running sums: O(1) per pixel
/// and O(width) memory.
/// </summary>
internal sealed class WindowSums
{
    private readonly GreyImage image;
    private readonly int radius;
    private readonly long[] columnSums;
    private readonly long[] columnSquares;
    private int nextRow;

    public WindowSums(GreyImage image, int radius)
    {
        this.image = image;
        this.radius = radius;
        columnSums = new long[image.Width];
        columnSquares = new long[image.Width];
        for (var y = 0; y <= Math.Min(radius, image.Height - 1); y++)
        {
            AddRow(y, +1);
        }
    }

    /// <summary>Fills the window sums for the next row; returns false after the last row.</summary>
    /// <param name="counts">How many pixels each window holds (fewer near the edges).</param>
    public bool Next(Span<long> sums, Span<long> squares, Span<int> counts)
    {
        var y = nextRow;
        if (y >= image.Height)
        {
            return false;
        }

        if (y > 0)
        {
            if (y + radius < image.Height)
            {
                AddRow(y + radius, +1);
            }

            if (y - radius - 1 >= 0)
            {
                AddRow(y - radius - 1, -1);
            }
        }

        var width = image.Width;
        var rows = Math.Min(image.Height - 1, y + radius) - Math.Max(0, y - radius) + 1;
        long s1 = 0, s2 = 0;
        for (var x = 0; x <= Math.Min(radius, width - 1); x++)
        {
            s1 += columnSums[x];
            s2 += columnSquares[x];
        }

        for (var x = 0; x < width; x++)
        {
            if (x > 0)
            {
                if (x + radius < width)
                {
                    s1 += columnSums[x + radius];
                    s2 += columnSquares[x + radius];
                }

                if (x - radius - 1 >= 0)
                {
                    s1 -= columnSums[x - radius - 1];
                    s2 -= columnSquares[x - radius - 1];
                }
            }

            sums[x] = s1;
            squares[x] = s2;
            counts[x] = rows * (Math.Min(width - 1, x + radius) - Math.Max(0, x - radius) + 1);
        }

        nextRow++;
        return true;
    }

    private void AddRow(int y, int sign)
    {
        var row = image.Row(y);
        for (var x = 0; x < row.Length; x++)
        {
            long value = row[x];
            columnSums[x] += sign * value;
            columnSquares[x] += sign * value * value;
        }
    }
}
