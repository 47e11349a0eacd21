namespace Glance.Detection.Local.Faces;

/// <summary>
/// The square tiles the small-face passes look at: <c>rows</c> tiles down the shorter side, as many across as cover
/// the longer one, neighbours overlapping by at least a fifth of a tile so that a face smaller than that lies whole in
/// some tile. Larger faces are the whole-image pass's job.
/// </summary>
public static class FaceTiles
{
    private const double MinOverlap = 0.2;

    public static IReadOnlyList<PixelRegion> Layout(int width, int height, int rows)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, 1);
        var shorter = Math.Min(width, height);
        // With one row a tile is the whole shorter side; with more, each is stretched so that neighbours overlap.
        var side = rows == 1 ? shorter : Math.Min(shorter, (int)Math.Ceiling(shorter / (rows - ((rows - 1) * MinOverlap))));
        var xs = Starts(width, side);
        var ys = Starts(height, side);
        var tiles = new List<PixelRegion>(xs.Count * ys.Count);
        foreach (var y in ys)
        {
            foreach (var x in xs)
            {
                tiles.Add(new PixelRegion(x, y, side, side));
            }
        }

        return tiles;
    }

    private static List<int> Starts(int length, int side)
    {
        if (side >= length)
        {
            return [0];
        }

        var count = (int)Math.Ceiling((length - side) / (side * (1 - MinOverlap))) + 1;
        return Enumerable.Range(0, count).Select(i => (int)Math.Round(i * (length - side) / (double)(count - 1))).Distinct().ToList();
    }
}
