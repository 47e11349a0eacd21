namespace Glance.Detection.Local.Text.PaddleOcr;

/// <summary>
/// Joins the detection network's boxes that are pieces of one line. Where the text probability dips in a word space,
/// DB finds two kernels, and each grows back by the unclip margin (about half a text height for a short word), so the
/// two boxes overlap: "POR 1 - 0 SAN" came back as "POR" and "1 - 0 SAN". Whether it dips depends on what else shares
/// the network input (a scoreboard region beside the station logo's, in a shorter canvas), so the same line read
/// whole in one frame broke in the next. Boxes of one row that overlap after the unclip are less than about a text
/// height apart, which is a word space, not a gap between two texts, so they are read as the one line they are.
/// </summary>
public static class LineBoxes
{
    /// <summary>Two boxes share at least this much of the shorter one's height to lie on one row.</summary>
    private const double MinRowOverlap = 0.6;

    /// <summary>The taller box is at most this many times the shorter one's height (one text size).</summary>
    private const double MaxHeightRatio = 1.5;

    /// <returns>The boxes with every overlapping pair of one row replaced by their union (score: area-weighted mean).</returns>
    public static List<TextBox> Joined(IReadOnlyList<TextBox> boxes)
    {
        ArgumentNullException.ThrowIfNull(boxes);
        var joined = boxes.ToList();
        for (var i = 0; i < joined.Count; i++)
        {
            for (var j = i + 1; j < joined.Count; j++)
            {
                if (OneLine(joined[i], joined[j]))
                {
                    joined[i] = Union(joined[i], joined[j]);
                    joined.RemoveAt(j);
                    j = i;
                }
            }
        }

        return joined;
    }

    private static bool OneLine(TextBox a, TextBox b)
    {
        var (shorter, taller) = (Math.Min(a.Height, b.Height), Math.Max(a.Height, b.Height));
        var rowOverlap = Math.Min(a.Y + a.Height, b.Y + b.Height) - Math.Max(a.Y, b.Y);
        var columnOverlap = Math.Min(a.X + a.Width, b.X + b.Width) - Math.Max(a.X, b.X);
        return taller <= MaxHeightRatio * shorter && rowOverlap >= MinRowOverlap * shorter && columnOverlap > 0;
    }

    private static TextBox Union(TextBox a, TextBox b)
    {
        var (left, top) = (Math.Min(a.X, b.X), Math.Min(a.Y, b.Y));
        var (right, bottom) = (Math.Max(a.X + a.Width, b.X + b.Width), Math.Max(a.Y + a.Height, b.Y + b.Height));
        var (areaA, areaB) = (a.Width * a.Height, b.Width * b.Height);
        return new TextBox(left, top, right - left, bottom - top, ((a.Score * areaA) + (b.Score * areaB)) / (areaA + areaB));
    }
}
