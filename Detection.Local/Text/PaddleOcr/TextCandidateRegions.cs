using System.Security.Cryptography;
using Glance.Detection.Local.Imaging;

namespace Glance.Detection.Local.Text.PaddleOcr;

/// <param name="Rect">Frame pixels to run the detection network on.</param>
/// <param name="Scale">Factor the region is resized by for the network, so its text is about the height DB reads best.</param>
/// <param name="Content">
/// Names what the region shows: a hash of its cleaned line crops (ink only) and where they sit in it. A graphic that
/// stays on air keeps its content while the video behind a translucent plate changes every pixel around the letters.
/// </param>
public readonly record struct CandidateRegion(PixelRect Rect, double Scale, UInt128 Content);

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

    /// <summary>The line crops carry a pad of a quarter of the line height above and below.</summary>
    private const double CropHeightPerLineHeight = 1.5;

    /// <summary>Crop pixels darker than this are ink (crops are dark letters on white).</summary>
    private const byte InkThreshold = 128;

    public static TextCandidates Find(GreyImage frame, IReadOnlyList<BoundingBox> regions, LocalTextOptions options)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var crops = TextLineExtractor.Extract(frame, regions, options);
        var lines = crops
            .GroupBy(c => c.Line)
            .Select(g => g.Select(FrameRect).Aggregate(default(PixelRect), (a, b) => a.Union(b)));
        var candidates = new List<CandidateRegion>();
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
                candidates.Add(new CandidateRegion(grown, Math.Clamp(TargetTextHeight / textHeight, MinScale, MaxScale), default));
            }
        }

        var merged = Merge(candidates, options.RegionMergeScaleRatio).Select(region => region with { Content = ContentOf(region, crops) }).ToList();
        return new TextCandidates(merged, [.. crops.Select(WordRect)]);
    }

    /// <summary>
    /// The crop's ink as a bit per pixel: its grey rim comes from the video behind a translucent plate and changes
    /// every frame, the letters' shapes do not.
    /// </summary>
    private static byte[] InkOnly(byte[] pixels)
    {
        var bits = new byte[(pixels.Length + 7) / 8];
        for (var i = 0; i < pixels.Length; i++)
        {
            if (pixels[i] < InkThreshold)
            {
                bits[i >> 3] |= (byte)(1 << (i & 7));
            }
        }

        return bits;
    }

    private static UInt128 ContentOf(CandidateRegion region, IReadOnlyList<LineCrop> crops)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> header = stackalloc byte[24];
        BitConverter.TryWriteBytes(header, region.Rect.Width);
        BitConverter.TryWriteBytes(header[4..], region.Rect.Height);
        BitConverter.TryWriteBytes(header[8..], region.Scale);
        sha.AppendData(header[..16]);
        foreach (var crop in crops)
        {
            var rect = FrameRect(crop);
            var centre = new PixelRect(rect.X + (rect.Width / 2), rect.Y + (rect.Height / 2), 1, 1);
            if (region.Rect.Intersect(centre).IsEmpty)
            {
                continue;
            }

            BitConverter.TryWriteBytes(header, rect.X - region.Rect.X);
            BitConverter.TryWriteBytes(header[4..], rect.Y - region.Rect.Y);
            BitConverter.TryWriteBytes(header[8..], crop.Image.Width);
            BitConverter.TryWriteBytes(header[12..], crop.Image.Height);
            sha.AppendData(header[..16]);
            sha.AppendData(InkOnly(crop.Image.Pixels));
        }

        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        sha.GetHashAndReset(hash);
        return new UInt128(BitConverter.ToUInt64(hash), BitConverter.ToUInt64(hash[8..]));
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
    private static List<CandidateRegion> Merge(List<CandidateRegion> candidates, double maxScaleRatio)
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
                        candidates[i] = new CandidateRegion(candidates[i].Rect.Union(candidates[j].Rect), Math.Min(candidates[i].Scale, candidates[j].Scale), default);
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
}
