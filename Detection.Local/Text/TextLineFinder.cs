namespace Glance.Detection.Local.Text;

/// <summary>
/// Keeps the ink blobs that look like characters standing in a row and drops the rest (texture, box borders, pitch
/// lines). OCR engines read clean text on white well but lose whole lines when a large blob sits next to them, and a
/// binarized video frame is full of such blobs.
/// </summary>
public static class TextLineFinder
{
    /// <summary>Characters of one line differ in height by at most this factor (capitals, digits and lower case).</summary>
    private const double MaxHeightRatio = 1.7;

    /// <summary>Neighbouring characters are at most this many character heights apart (word spaces included).</summary>
    private const double MaxGapInHeights = 2.5;

    /// <summary>Two characters of a line share at least this fraction of the smaller one's height.</summary>
    private const double MinVerticalOverlap = 0.5;

    /// <summary>A character is at most this many heights wide (wider blobs are bars or merged texture).</summary>
    private const double MaxAspect = 2.5;

    /// <summary>Median distance of tops or bottoms from their median, in character heights, for a line to count.</summary>
    private const double MaxAlignmentDeviation = 0.15;

    /// <summary>A gap wider than this many line heights separates words (letters sit about 0.1 apart).</summary>
    private const double WordGapInHeights = 0.3;

    /// <summary>Upper bound on candidates considered, so a frame of pure noise stays cheap; the largest are kept.</summary>
    private const int MaxCandidates = 20_000;

    /// <returns>The components that form text lines (including small marks such as hyphens inside a line) and the lines.</returns>
    public static TextLines Find(ConnectedComponents components, int minCharHeight, int maxCharHeight, int minCharsPerLine)
    {
        ArgumentNullException.ThrowIfNull(components);
        var all = components.Components;
        var candidates = new List<int>();
        for (var i = 0; i < all.Count; i++)
        {
            var b = all[i].Bounds;
            if (b.Height >= minCharHeight && b.Height <= maxCharHeight && b.Width <= MaxAspect * b.Height)
            {
                candidates.Add(i);
            }
        }

        if (candidates.Count > MaxCandidates)
        {
            candidates = [.. candidates.OrderByDescending(i => all[i].Bounds.Height).Take(MaxCandidates)];
        }

        candidates.Sort((a, b) => all[a].Bounds.X.CompareTo(all[b].Bounds.X));
        var sets = new DisjointSets(candidates.Count);

        for (var i = 0; i < candidates.Count; i++)
        {
            var a = all[candidates[i]].Bounds;
            var reach = a.Right + (int)Math.Ceiling(MaxGapInHeights * maxCharHeight);
            for (var j = i + 1; j < candidates.Count && all[candidates[j]].Bounds.X <= reach; j++)
            {
                if (AreNeighbours(a, all[candidates[j]].Bounds))
                {
                    sets.Union(i, j);
                }
            }
        }

        var groups = new Dictionary<int, List<int>>();
        for (var i = 0; i < candidates.Count; i++)
        {
            var root = sets.Find(i);
            if (!groups.TryGetValue(root, out var members))
            {
                groups[root] = members = [];
            }

            members.Add(candidates[i]);
        }

        var keep = new HashSet<int>();
        var lines = new List<TextLine>();
        var group = 0;
        foreach (var members in groups.Values.Where(g => g.Count >= minCharsPerLine && IsAligned(g, all)))
        {
            var bounds = default(PixelRect);
            foreach (var member in members)
            {
                keep.Add(member);
                bounds = bounds.Union(all[member].Bounds);
            }

            lines.Add(new TextLine(bounds, members.Count, group++));
        }

        // Punctuation and hyphens are too small to chain up as characters; keep those that sit inside a line. A line
        // holding a blob covers the blob's top row, so only the lines crossing that row are asked: a textured frame
        // has tens of thousands of blobs and hundreds of lines, and asking every line took tens of milliseconds.
        var crossing = LinesByRow(lines, components.Height);
        for (var i = 0; i < all.Count; i++)
        {
            var b = all[i].Bounds;
            if (!keep.Contains(i) && crossing[b.Y]?.Exists(l => lines[l].Bounds.Intersect(b) == b && b.Height < lines[l].Bounds.Height) == true)
            {
                keep.Add(i);
            }
        }

        var inside = lines.Select(_ => new List<PixelRect>()).ToArray();
        for (var i = 0; i < all.Count; i++)
        {
            var b = all[i].Bounds;
            if (keep.Contains(i) && crossing[b.Y] is { } across)
            {
                foreach (var l in across.Where(l => lines[l].Bounds.Intersect(b) == b))
                {
                    inside[l].Add(b);
                }
            }
        }

        return new TextLines(keep, [.. lines.SelectMany((line, l) => SplitAtWordGaps(line, inside[l]))]);
    }

    /// <returns>For each row of the image, the indexes of the lines whose bounds cross it (null where none do).</returns>
    private static List<int>?[] LinesByRow(List<TextLine> lines, int height)
    {
        var rows = new List<int>?[height];
        for (var l = 0; l < lines.Count; l++)
        {
            for (var y = lines[l].Bounds.Y; y < lines[l].Bounds.Bottom; y++)
            {
                (rows[y] ??= []).Add(l);
            }
        }

        return rows;
    }

    /// <summary>
    /// Cuts a line into words (each spanning the line's full height, so a hyphen keeps its place and size) at gaps wider than <see cref="WordGapInHeights"/>: Tesseract gives the words of one run
    /// a shared confidence, so a hard one ("-" in "1 - 0") would drag down its neighbours ("SAN").
    /// </summary>
    /// <param name="members">The kept blobs lying inside the line (its characters and marks).</param>
    private static IEnumerable<TextLine> SplitAtWordGaps(TextLine line, List<PixelRect> members)
    {
        members.Sort((a, b) => a.X.CompareTo(b.X));
        var height = line.Bounds.Height;
        var word = default(PixelRect);
        var characters = 0;
        foreach (var b in members)
        {
            if (!word.IsEmpty && b.X - word.Right > WordGapInHeights * height)
            {
                yield return new TextLine(word with { Y = line.Bounds.Y, Height = height }, characters, line.Group);
                word = default;
                characters = 0;
            }

            word = word.Union(b);
            characters++;
        }

        if (!word.IsEmpty)
        {
            yield return new TextLine(word with { Y = line.Bounds.Y, Height = height }, characters, line.Group);
        }
    }

    /// <summary>
    /// Characters of a line share a baseline or a cap line (capitals and digits share both); blobs of texture that
    /// happen to chain up rarely do.
    /// </summary>
    private static bool IsAligned(List<int> members, IReadOnlyList<Component> all)
    {
        var heights = members.Select(m => (double)all[m].Bounds.Height).ToArray();
        var tops = members.Select(m => (double)all[m].Bounds.Y).ToArray();
        var bottoms = members.Select(m => (double)all[m].Bounds.Bottom).ToArray();
        var tolerance = MaxAlignmentDeviation * Median(heights);
        return MedianAbsoluteDeviation(tops) <= tolerance || MedianAbsoluteDeviation(bottoms) <= tolerance;
    }

    private static double MedianAbsoluteDeviation(double[] values)
    {
        var median = Median(values);
        return Median(values.Select(v => Math.Abs(v - median)).ToArray());
    }

    private static double Median(double[] values)
    {
        Array.Sort(values);
        var middle = values.Length / 2;
        return values.Length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }

    private static bool AreNeighbours(PixelRect a, PixelRect b)
    {
        var taller = Math.Max(a.Height, b.Height);
        var shorter = Math.Min(a.Height, b.Height);
        if (taller > MaxHeightRatio * shorter)
        {
            return false;
        }

        var overlap = Math.Min(a.Bottom, b.Bottom) - Math.Max(a.Y, b.Y);
        if (overlap < MinVerticalOverlap * shorter)
        {
            return false;
        }

        var gap = Math.Max(a.X, b.X) - Math.Min(a.Right, b.Right);
        return gap <= MaxGapInHeights * taller;
    }
}

/// <param name="Components">Indexes of the components to keep.</param>
/// <param name="Lines">The text lines found, in the binarized image's pixels.</param>
public sealed record TextLines(IReadOnlySet<int> Components, IReadOnlyList<TextLine> Lines);

/// <param name="Characters">How many blobs (characters and marks) it holds.</param>
/// <param name="Group">Words of one line share a group.</param>
public readonly record struct TextLine(PixelRect Bounds, int Characters, int Group);
