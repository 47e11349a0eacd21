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

    private const double InkDeviation = 0.3;

    /// <summary>Line numbers per region; far more than the lines a region can yield.</summary>
    private const int RegionLineStride = 1 << 20;

    /// <summary>Frames are never upscaled more than this (beyond it there is no detail left to recover).</summary>
    private const double MaxUpscale = 3;

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
        for (var i = 0; i < rects.Count; i++)
        {
            // Line numbers must stay unique across regions (and polarities, see ExtractRegion).
            var offset = i * RegionLineStride;
            crops.AddRange(ExtractRegion(frame, rects[i], scale, options).Select(c => c with { Line = c.Line + offset }));
        }

        var lines = crops.GroupBy(c => c.Line).OrderByDescending(g => g.Sum(c => c.Characters) * g.Max(c => c.Image.Height * c.FramePixelsPerPixelY)).Take(options.MaxLines);
        return [.. lines.SelectMany(g => g).OrderBy(c => c.FrameY).ThenBy(c => c.FrameX)];
    }

    private static IEnumerable<LineCrop> ExtractRegion(GreyImage frame, PixelRect rect, double scale, LocalTextOptions options)
    {
        var width = Math.Max(1, (int)Math.Round(rect.Width * scale));
        var height = Math.Max(1, (int)Math.Round(rect.Height * scale));
        var region = rect.Width == frame.Width && rect.Height == frame.Height ? frame : frame.Crop(rect);
        var processed = Resize.To(region, width, height);
        var scaleX = (double)width / rect.Width;
        var scaleY = (double)height / rect.Height;

        var (dark, bright) = InkBinarizer.Binarize(processed, BinarizeRadius, options.MinContrast, InkDeviation);
        var maxCharHeight = Math.Max(options.MinCharHeight + 1, (int)(options.MaxCharHeightFraction * options.ProcessingHeight));
        var darkText = FindLines(dark, options, maxCharHeight);
        var brightText = FindLines(bright, options, maxCharHeight);

        // Both polarities are read: the wrong one (the letters' counters, bits of the plate) reads as low-confidence
        // junk, while choosing one by blob counts loses lines next to plate edges that fragment into many blobs.
        foreach (var (text, line) in new[] { (darkText, 0), (brightText, RegionLineStride / 2) })
        {
            var legible = LegibleLines.Find(processed, text.Lines.Lines, options);
            if (legible.Count == 0)
            {
                continue;
            }

            var ink = text.Components.Render(text.Lines.Components);
            foreach (var word in text.Lines.Lines.Where(w => legible.Contains(w.Group)))
            {
                yield return Cut(processed, ink, line > 0, word, rect, scaleX, scaleY, options) with { Line = word.Group + line };
            }
        }
    }

    /// <summary>A word with the margin its crop carries: a quarter of its height (at least 2 px) on every side, inside the image.</summary>
    internal static PixelRect Padded(PixelRect bounds, GreyImage image)
    {
        var pad = Math.Max(2, bounds.Height / 4);
        var left = Math.Max(0, bounds.X - pad);
        var top = Math.Max(0, bounds.Y - pad);
        return new PixelRect(left, top, Math.Min(image.Width, bounds.Right + pad) - left, Math.Min(image.Height, bounds.Bottom + pad) - top);
    }

    /// <summary>
    /// The grey pixels of the kept characters (and a rim around them) inside <paramref name="window"/>, dark on white:
    /// Tesseract's recognizer was trained on anti-aliased text and reads it more surely than hard binary edges;
    /// everything away from the characters is paper. Only the words' windows are drawn: most of a frame is no word.
    /// </summary>
    private static GreyImage Antialiased(GreyImage grey, GreyImage ink, PixelRect window, bool inverted)
    {
        const int Rim = 2;
        var output = new GreyImage(window.Width, window.Height);
        output.Pixels.AsSpan().Fill(InkBinarizer.Paper);
        var near = new bool[window.Width];
        var from = Math.Max(0, window.X - Rim);
        var to = Math.Min(grey.Width, window.Right + Rim);
        for (var y = window.Y; y < window.Bottom; y++)
        {
            Array.Clear(near);
            for (var dy = Math.Max(0, y - Rim); dy <= Math.Min(grey.Height - 1, y + Rim); dy++)
            {
                var row = ink.Row(dy);
                for (var x = from; x < to; x++)
                {
                    if (row[x] == InkBinarizer.Ink)
                    {
                        for (var dx = Math.Max(window.X, x - Rim); dx <= Math.Min(window.Right - 1, x + Rim); dx++)
                        {
                            near[dx - window.X] = true;
                        }
                    }
                }
            }

            var source = grey.Row(y).Slice(window.X, window.Width);
            var target = output.Row(y - window.Y);
            for (var x = 0; x < window.Width; x++)
            {
                if (near[x])
                {
                    target[x] = inverted ? (byte)(255 - source[x]) : source[x];
                }
            }
        }

        return output;
    }

    private static (ConnectedComponents Components, TextLines Lines) FindLines(GreyImage binary, LocalTextOptions options, int maxCharHeight)
    {
        var components = ConnectedComponents.Label(binary);
        return (components, TextLineFinder.Find(components, options.MinCharHeight, maxCharHeight, options.MinCharsPerLine));
    }

    private static LineCrop Cut(GreyImage grey, GreyImage ink, bool inverted, TextLine line, PixelRect rect, double scaleX, double scaleY, LocalTextOptions options)
    {
        var bounds = line.Bounds;
        var cut = Padded(bounds, grey);
        var factor = Math.Clamp((double)options.LineHeight / bounds.Height, 0.25, 4);
        var image = Resize.To(Antialiased(grey, ink, cut, inverted), Math.Max(1, (int)Math.Round(cut.Width * factor)), Math.Max(1, (int)Math.Round(cut.Height * factor)));
        var cropFactorX = (double)image.Width / cut.Width;
        var cropFactorY = (double)image.Height / cut.Height;
        return new LineCrop(
            image,
            rect.X + (cut.X / scaleX),
            rect.Y + (cut.Y / scaleY),
            1 / (cropFactorX * scaleX),
            1 / (cropFactorY * scaleY),
            line.Characters,
            line.Group);
    }
}
