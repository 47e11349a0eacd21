namespace Glance.Detection.Local.Text.PaddleOcr;

/// <param name="Score">Mean text probability inside the box before it was grown back, 0..1.</param>
public readonly record struct TextBox(double X, double Y, double Width, double Height, double Score);

/// <summary>
/// Turns the DB (differentiable binarization) network's probability map into text boxes the way PaddleOCR does:
/// binarize, take each connected region, score it by its mean probability, and grow it back by the margin the network
/// was trained to shrink text by (the "unclip": area x ratio / perimeter). Boxes are axis-aligned: broadcast graphics
/// are horizontal, and the recognizer reads a box's crop as it is.
/// </summary>
public static class DbPostProcessor
{
    /// <summary>PaddleOCR's det_db_thresh: a pixel is text above this probability.</summary>
    public const float PixelThreshold = 0.3f;

    /// <summary>PaddleOCR's det_db_box_thresh: a region is text when its mean probability is at least this.</summary>
    public const double BoxThreshold = 0.6;

    /// <summary>PaddleOCR's det_db_unclip_ratio.</summary>
    public const double UnclipRatio = 1.5;

    /// <summary>Regions whose shorter side is below this many pixels are specks.</summary>
    public const int MinSide = 3;

    /// <summary>Upper bound on regions considered per map, so a map of noise stays cheap (the largest are kept).</summary>
    public const int MaxBoxes = 1_000;

    public static IReadOnlyList<TextBox> Boxes(ReadOnlySpan<float> probability, int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(probability.Length, width * height);
        var bitmap = new GreyImage(width, height);
        var pixels = bitmap.Pixels;
        for (var i = 0; i < width * height; i++)
        {
            pixels[i] = probability[i] > PixelThreshold ? InkBinarizer.Ink : InkBinarizer.Paper;
        }

        var boxes = new List<TextBox>();
        foreach (var component in ConnectedComponents.Label(bitmap).Components.OrderByDescending(c => c.PixelCount).Take(MaxBoxes))
        {
            var b = component.Bounds;
            if (Math.Min(b.Width, b.Height) < MinSide)
            {
                continue;
            }

            var score = MeanInside(probability, width, b);
            if (score < BoxThreshold)
            {
                continue;
            }

            var grow = b.Width * (double)b.Height * UnclipRatio / (2.0 * (b.Width + b.Height));
            var left = Math.Max(0, b.X - grow);
            var top = Math.Max(0, b.Y - grow);
            var right = Math.Min(width, b.Right + grow);
            var bottom = Math.Min(height, b.Bottom + grow);
            boxes.Add(new TextBox(left, top, right - left, bottom - top, score));
        }

        return boxes;
    }

    private static double MeanInside(ReadOnlySpan<float> probability, int width, PixelRect rect)
    {
        double sum = 0;
        for (var y = rect.Y; y < rect.Bottom; y++)
        {
            foreach (var p in probability.Slice((y * width) + rect.X, rect.Width))
            {
                sum += p;
            }
        }

        return sum / rect.Area;
    }
}
