namespace Glance.Detection.Local.Text.PaddleOcr;

/// <summary>
/// Text boxes found twice before they are read: candidate regions of different text sizes overlap, and a line lying
/// in both is found by the detection network in each (whole in one, cut at the other's edge). Only the larger box's
/// reading survives (see <see cref="PaddleOcrTextReader"/>'s Distinct), so the smaller need not be read at all: on
/// the benchmark's lower thirds half the line crops were such repeats (each line read in two regions), and a crop costs
/// the recognizer ~85 µs per column of its 48 px line on one thread (a 320 px crop ~27 ms).
/// </summary>
public static class CoveredBoxes
{
    /// <param name="boxes">Each region's boxes, in frame pixels.</param>
    /// <param name="frameOf">The frame each region belongs to, or null when it stands for several frames (its boxes are then never covered or covering).</param>
    /// <param name="maxSharedArea">A box with at least this share of its area inside a larger box of another region is covered.</param>
    /// <returns>For each region's box, the region and box covering it, or null when it is read itself.</returns>
    public static (int Region, int Box)?[][] Find(IReadOnlyList<IReadOnlyList<TextBox>> boxes, IReadOnlyList<int?> frameOf, double maxSharedArea)
    {
        ArgumentNullException.ThrowIfNull(boxes);
        ArgumentNullException.ThrowIfNull(frameOf);
        var covers = boxes.Select(b => new (int Region, int Box)?[b.Count]).ToArray();
        var ordered = boxes
            .SelectMany((regionBoxes, region) => regionBoxes.Select((box, index) => (Region: region, Index: index, Box: box)))
            .Where(b => frameOf[b.Region] is not null)
            .OrderByDescending(b => b.Box.Width * b.Box.Height);
        var kept = new List<(int Region, int Index, TextBox Box)>();
        foreach (var candidate in ordered)
        {
            var area = candidate.Box.Width * candidate.Box.Height;
            var cover = kept.FindIndex(k => k.Region != candidate.Region
                && frameOf[k.Region] == frameOf[candidate.Region]
                && Overlap(k.Box, candidate.Box) >= maxSharedArea * area);
            if (cover >= 0)
            {
                covers[candidate.Region][candidate.Index] = (kept[cover].Region, kept[cover].Index);
            }
            else
            {
                kept.Add(candidate);
            }
        }

        return covers;
    }

    /// <summary>The area two boxes share.</summary>
    public static double Overlap(TextBox a, TextBox b) =>
        Math.Max(0, Math.Min(a.X + a.Width, b.X + b.Width) - Math.Max(a.X, b.X)) * Math.Max(0, Math.Min(a.Y + a.Height, b.Y + b.Height) - Math.Max(a.Y, b.Y));
}
