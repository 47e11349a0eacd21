namespace Glance.Detection.Local.Text.PaddleOcr;

/// <param name="Index">The image's index in the list packed.</param>
/// <param name="X">Left edge in the run's canvas.</param>
/// <param name="Y">Top edge in the run's canvas.</param>
public readonly record struct MosaicPlacement(int Index, int X, int Y);

/// <summary>
/// Places candidate regions for the detection network into as few canvas pixels as it can: tallest first, left to
/// right in shelves, a new shelf when a row is full and a new run when the canvas is. Stacking every region under the
/// one before, each padded to the widest, spent about half of each run on padding.
/// </summary>
public static class MosaicPacking
{
    /// <param name="sizes">Each image's width and height, in network pixels.</param>
    /// <param name="width">The canvas width (at least the widest image).</param>
    /// <param name="maxHeight">The canvas height a run stays within (unless a single image is taller).</param>
    /// <param name="gap">Background kept between images and after the last shelf.</param>
    /// <returns>The runs, each a list of placements; every image is placed exactly once.</returns>
    public static IReadOnlyList<IReadOnlyList<MosaicPlacement>> Pack(IReadOnlyList<(int Width, int Height)> sizes, int width, int maxHeight, int gap)
    {
        ArgumentNullException.ThrowIfNull(sizes);
        var runs = new List<IReadOnlyList<MosaicPlacement>>();
        var run = new List<MosaicPlacement>();
        int x = 0, y = 0, shelf = 0;
        foreach (var index in Enumerable.Range(0, sizes.Count).OrderByDescending(i => sizes[i].Height))
        {
            var (w, h) = sizes[index];
            if (x > 0 && x + w > width)
            {
                y += shelf + gap;
                x = 0;
                shelf = 0;
            }

            if (run.Count > 0 && y + h + gap > maxHeight)
            {
                runs.Add(run);
                run = [];
                x = y = shelf = 0;
            }

            run.Add(new MosaicPlacement(index, x, y));
            x += w + gap;
            shelf = Math.Max(shelf, h);
        }

        if (run.Count > 0)
        {
            runs.Add(run);
        }

        return runs;
    }
}
