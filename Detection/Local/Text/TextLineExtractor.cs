using Glance.Detection.Local.Imaging;

namespace Glance.Detection.Local.Text;

/// <summary>
/// Finds candidate text lines in a grey frame: scale to the processing height, binarize with ink black whatever its
/// polarity, label blobs, keep those that line up like characters, and cut each line out clean and scaled for OCR.
/// Pure CPU work, no I/O.
/// </summary>
public static class TextLineExtractor
{
    /// <summary>Threshold window half-side in processing pixels: about a stroke plus the paper around it at 720p.</summary>
    private const int BinarizeRadius = 10;

    /// <summary>Polarity window half-side: wide enough to hold a character and the plate it sits on.</summary>
    private const int PolarityRadius = 64;

    private const double InkDeviation = 0.3;

    /// <summary>Frames are never upscaled more than this (beyond it there is no detail left to recover).</summary>
    private const double MaxUpscale = 3;

    /// <summary>Lines narrower than this many processing pixels hold nothing readable.</summary>
    private const int MinLineWidth = 12;

    public static IReadOnlyList<LineCrop> Extract(GreyImage frame, IReadOnlyList<BoundingBox> regions, LocalTextOptions options)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentNullException.ThrowIfNull(regions);
        ArgumentNullException.ThrowIfNull(options);
        var scale = Math.Clamp((double)options.ProcessingHeight / frame.Height, 0.25, MaxUpscale);
        var rects = regions.Count == 0
            ? [new PixelRect(0, 0, frame.Width, frame.Height)]
            : regions.Select(r => PixelRect.FromBox(r, frame.Width, frame.Height)).Where(r => !r.IsEmpty).ToList();

        var crops = new List<LineCrop>();
        foreach (var rect in rects)
        {
            crops.AddRange(ExtractRegion(frame, rect, scale, options));
        }

        return [.. crops.OrderByDescending(c => c.Characters).Take(options.MaxLines).OrderBy(c => c.FrameY).ThenBy(c => c.FrameX)];
    }

    private static IEnumerable<LineCrop> ExtractRegion(GreyImage frame, PixelRect rect, double scale, LocalTextOptions options)
    {
        var width = Math.Max(1, (int)Math.Round(rect.Width * scale));
        var height = Math.Max(1, (int)Math.Round(rect.Height * scale));
        var region = rect.Width == frame.Width && rect.Height == frame.Height ? frame : frame.Crop(rect);
        var processed = Resize.To(region, width, height);
        var scaleX = (double)width / rect.Width;
        var scaleY = (double)height / rect.Height;

        var binary = InkBinarizer.Binarize(processed, BinarizeRadius, PolarityRadius, options.MinContrast, InkDeviation);
        var components = ConnectedComponents.Label(binary);
        var maxCharHeight = Math.Max(options.MinCharHeight + 1, (int)(options.MaxCharHeightFraction * options.ProcessingHeight));
        var lines = TextLineFinder.Find(components, options.MinCharHeight, maxCharHeight, options.MinCharsPerLine);
        if (lines.Lines.Count == 0)
        {
            yield break;
        }

        var clean = components.Render(lines.Components);
        foreach (var line in lines.Lines.Where(l => l.Bounds.Width >= MinLineWidth))
        {
            var bounds = line.Bounds;
            var pad = Math.Max(2, bounds.Height / 4);
            var left = Math.Max(0, bounds.X - pad);
            var top = Math.Max(0, bounds.Y - pad);
            var cut = new PixelRect(left, top, Math.Min(clean.Width, bounds.Right + pad) - left, Math.Min(clean.Height, bounds.Bottom + pad) - top);
            var factor = Math.Clamp((double)options.LineHeight / bounds.Height, 0.25, 4);
            var image = Resize.To(clean.Crop(cut), Math.Max(1, (int)Math.Round(cut.Width * factor)), Math.Max(1, (int)Math.Round(cut.Height * factor)));
            var cropFactorX = (double)image.Width / cut.Width;
            var cropFactorY = (double)image.Height / cut.Height;
            yield return new LineCrop(
                image,
                rect.X + (cut.X / scaleX),
                rect.Y + (cut.Y / scaleY),
                1 / (cropFactorX * scaleX),
                1 / (cropFactorY * scaleY),
                line.Characters);
        }
    }
}
