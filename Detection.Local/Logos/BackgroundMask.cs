namespace Glance.Detection.Local.Logos;

/// <summary>
/// Which template pixels are the logo and which are the plain background around it. Uploaded logos are often PNGs
/// with transparency or drawn on a flat colour; decoded to RGB, the transparent part becomes a uniform colour (usually
/// black). On air that part shows the programme behind the logo, so it must not count in the match: when the border is
/// dominated by near-black or near-white (what transparency and blank canvases decode to), that colour is flood-filled
/// from the border and marked don't-care. Any other uniform border colour is the logo's own plate and is kept.
/// </summary>
public static class BackgroundMask
{
    /// <summary>Largest per-channel difference from the border colour that still counts as background.</summary>
    private const int ColourTolerance = 24;

    /// <summary>The border is uniform when at least this share of its pixels has the dominant colour.</summary>
    private const double UniformBorderShare = 0.6;

    /// <returns>One flag per pixel, true where the logo is (row-major).</returns>
    public static bool[] Compute(RgbImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var width = image.Width;
        var height = image.Height;
        var pixels = image.Pixels.Span;
        var mask = new bool[width * height];
        Array.Fill(mask, true);
        if (!TryBorderColour(image, out var background))
        {
            return mask;
        }

        var stack = new Stack<int>();
        for (var x = 0; x < width; x++)
        {
            stack.Push(x);
            stack.Push(((height - 1) * width) + x);
        }

        for (var y = 0; y < height; y++)
        {
            stack.Push(y * width);
            stack.Push((y * width) + width - 1);
        }

        while (stack.Count > 0)
        {
            var index = stack.Pop();
            if (!mask[index] || !IsNear(pixels, index, background))
            {
                continue;
            }

            mask[index] = false;
            var x = index % width;
            var y = index / width;
            if (x > 0)
            {
                stack.Push(index - 1);
            }

            if (x < width - 1)
            {
                stack.Push(index + 1);
            }

            if (y > 0)
            {
                stack.Push(index - width);
            }

            if (y < height - 1)
            {
                stack.Push(index + width);
            }
        }

        return mask;
    }

    private static bool TryBorderColour(RgbImage image, out (int R, int G, int B) colour)
    {
        var pixels = image.Pixels.Span;
        var counts = new Dictionary<int, int>();
        var border = new List<int>();
        for (var x = 0; x < image.Width; x++)
        {
            border.Add(x);
            border.Add(((image.Height - 1) * image.Width) + x);
        }

        for (var y = 1; y < image.Height - 1; y++)
        {
            border.Add(y * image.Width);
            border.Add((y * image.Width) + image.Width - 1);
        }

        // Colours quantized to 16 levels per channel find the dominant one despite compression noise.
        foreach (var index in border)
        {
            var key = ((pixels[index * 3] >> 4) << 8) | ((pixels[(index * 3) + 1] >> 4) << 4) | (pixels[(index * 3) + 2] >> 4);
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }

        var dominant = counts.MaxBy(pair => pair.Value).Key;
        long r = 0, g = 0, b = 0;
        var members = 0;
        foreach (var index in border)
        {
            var key = ((pixels[index * 3] >> 4) << 8) | ((pixels[(index * 3) + 1] >> 4) << 4) | (pixels[(index * 3) + 2] >> 4);
            if (key == dominant)
            {
                r += pixels[index * 3];
                g += pixels[(index * 3) + 1];
                b += pixels[(index * 3) + 2];
                members++;
            }
        }

        colour = ((int)(r / members), (int)(g / members), (int)(b / members));
        var near = 0;
        foreach (var index in border)
        {
            if (IsNear(pixels, index, colour))
            {
                near++;
            }
        }

        var blank = (colour.R <= ColourTolerance && colour.G <= ColourTolerance && colour.B <= ColourTolerance)
            || (colour.R >= 255 - ColourTolerance && colour.G >= 255 - ColourTolerance && colour.B >= 255 - ColourTolerance);
        return blank && near >= UniformBorderShare * border.Count;
    }

    private static bool IsNear(ReadOnlySpan<byte> pixels, int index, (int R, int G, int B) colour) =>
        Math.Abs(pixels[index * 3] - colour.R) <= ColourTolerance
        && Math.Abs(pixels[(index * 3) + 1] - colour.G) <= ColourTolerance
        && Math.Abs(pixels[(index * 3) + 2] - colour.B) <= ColourTolerance;
}
