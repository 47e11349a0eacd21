namespace Glance.Detection.Local.Text.PaddleOcr;

/// <param name="Words">The line finder's words, in frame pixels: where the spaces of a line are (see <see cref="WordSplitter"/>).</param>
public sealed record TextCandidates(IReadOnlyList<CandidateRegion> Regions, IReadOnlyList<PixelRect> Words);

/// <summary>
/// Where a frame may hold text, found cheaply: the line finder's rows of character-like blobs (both polarities),
/// grown by some context and merged where they touch. The detection network costs about 330 ms on a whole 640x640
/// input here and runs only on these regions; a frame with nothing character-like costs no network run at all.
/// </summary>
public static class TextCandidateRegions
{
    /// <summary>Text height, in network pixels, each region is scaled towards (DB reads 20-60 px text alike).</summary>
    public const double TargetTextHeight = 32;

    private const double MinScale = 0.5;
    private const double MaxScale = 2;

    /// <summary>Context kept around a line, in line heights: DB needs to see where the text ends.</summary>
    private const double HorizontalMargin = 1.0;

    private const double VerticalMargin = 0.5;

    /// <summary>A crop this much inside larger crops of other lines is the inside of their letters (see <see cref="WithCrops"/>).</summary>
    private const double MaxCoveredShare = 0.75;

    /// <summary>The line crops carry a pad of a quarter of the line height above and below.</summary>
    private const double CropHeightPerLineHeight = 1.5;

    public static TextCandidates Find(GreyImage frame, IReadOnlyList<BoundingBox> regions, LocalTextOptions options)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var crops = TextLineExtractor.Extract(frame, regions, options);
        var lines = crops
            .GroupBy(c => c.Line)
            .Select(g => g.Select(FrameRect).Aggregate(default(PixelRect), (a, b) => a.Union(b)));
        var candidates = new List<Placement>();
        foreach (var line in lines)
        {
            var textHeight = Math.Max(1, line.Height / CropHeightPerLineHeight);
            if (textHeight > options.MaxCharHeightFraction * frame.Height)
            {
                // Blobs of one "line" taller than any character (a circuit board's chips in a row): not text, and its
                // region, grown by the margins, would cover the frame at the smallest scale.
                continue;
            }

            var dx = (int)Math.Ceiling(HorizontalMargin * textHeight);
            var dy = (int)Math.Ceiling(VerticalMargin * textHeight);
            var grown = new PixelRect(line.X - dx, line.Y - dy, line.Width + (2 * dx), line.Height + (2 * dy))
                .Intersect(new PixelRect(0, 0, frame.Width, frame.Height));
            if (!grown.IsEmpty)
            {
                candidates.Add(new Placement(grown, Math.Clamp(TargetTextHeight / textHeight, MinScale, MaxScale)));
            }
        }

        var merged = Merge(candidates, options.RegionMergeScaleRatio).Select(region => WithCrops(region, crops)).ToList();
        return new TextCandidates(merged, [.. crops.Select(WordRect)]);
    }

    /// <summary>
    /// The region with the crops that say what it shows: those centred in it, less the insides of letters. Both ink
    /// polarities are searched, so a letter's counters (the holes of an O or an R) come back as a "line" of their own
    /// lying inside the letters' crops; whether they do flickers with the video behind a translucent plate, and they
    /// add nothing the letters around them do not already show.
    /// </summary>
    private static CandidateRegion WithCrops(Placement region, IReadOnlyList<LineCrop> crops)
    {
        var centred = crops
            .Select(crop => (crop.Line, Rect: FrameRect(crop), crop.Image))
            .Where(c => !region.Rect.Intersect(new PixelRect(c.Rect.X + (c.Rect.Width / 2), c.Rect.Y + (c.Rect.Height / 2), 1, 1)).IsEmpty)
            .ToList();
        var shown = centred
            .Where(c => centred.Where(other => other.Line != c.Line && other.Rect.Area > c.Rect.Area).Sum(other => other.Rect.Intersect(c.Rect).Area) < MaxCoveredShare * c.Rect.Area)
            .Select(c => new CropSignature(c.Rect, InkMask.Of(c.Image)))
            .ToList();
        return new CandidateRegion(region.Rect, region.Scale, shown);
    }

    /// <summary>The word itself, without the pad its crop carries on every side.</summary>
    private static PixelRect WordRect(LineCrop crop)
    {
        var rect = FrameRect(crop);
        var pad = (int)Math.Round(rect.Height * (1 - (1 / CropHeightPerLineHeight)) / 2);
        return new PixelRect(rect.X + pad, rect.Y + pad, Math.Max(1, rect.Width - (2 * pad)), Math.Max(1, rect.Height - (2 * pad)));
    }

    private static PixelRect FrameRect(LineCrop crop)
    {
        var left = (int)Math.Floor(crop.FrameX);
        var top = (int)Math.Floor(crop.FrameY);
        var right = (int)Math.Ceiling(crop.FrameX + (crop.Image.Width * crop.FramePixelsPerPixelX));
        var bottom = (int)Math.Ceiling(crop.FrameY + (crop.Image.Height * crop.FramePixelsPerPixelY));
        return new PixelRect(left, top, right - left, bottom - top);
    }

    /// <summary>
    /// Overlapping regions of text of about one size (<see cref="LocalTextOptions.RegionMergeScaleRatio"/>) become one
    /// (both polarities of a line, words of one plate), at the smaller scale so the larger text still fits. Text of
    /// other sizes keeps regions of its own: on a busy background (a circuit board's printed labels) merging every size
    /// made one whole-frame region at the scale of its largest blobs, where the overlay's letters came out too small for
    /// the detection network to find at all.
    /// </summary>
    private static List<Placement> Merge(List<Placement> candidates, double maxScaleRatio)
    {
        var merged = true;
        while (merged)
        {
            merged = false;
            for (var i = 0; i < candidates.Count && !merged; i++)
            {
                for (var j = i + 1; j < candidates.Count; j++)
                {
                    var (a, b) = (candidates[i], candidates[j]);
                    if (Math.Max(a.Scale, b.Scale) <= maxScaleRatio * Math.Min(a.Scale, b.Scale) && !a.Rect.Intersect(b.Rect).IsEmpty)
                    {
                        candidates[i] = new Placement(candidates[i].Rect.Union(candidates[j].Rect), Math.Min(candidates[i].Scale, candidates[j].Scale));
                        candidates.RemoveAt(j);
                        merged = true;
                        break;
                    }
                }
            }
        }

        candidates.Sort((a, b) => a.Rect.Y != b.Rect.Y ? a.Rect.Y.CompareTo(b.Rect.Y) : a.Rect.X.CompareTo(b.Rect.X));
        return candidates;
    }

    /// <summary>A region before its crops are attached: where, and at what scale for the network.</summary>
    private readonly record struct Placement(PixelRect Rect, double Scale);
}
