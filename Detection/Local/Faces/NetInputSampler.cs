using Glance.Detection.Local.Nn;
using Glance.Media.Frames;

namespace Glance.Detection.Local.Faces;

/// <summary>
/// Builds a network input straight from RGB bytes the way face-api's <c>toBatchTensor</c> does for a tensor input -
/// take a region, zero-pad it to a square, bilinear-resize that square (TensorFlow's default corner convention), then
/// subtract a mean colour and divide by 255 - in one pass, without materializing the padded square.
/// </summary>
internal static class NetInputSampler
{
    /// <param name="region">The part of the image to use (must lie inside it).</param>
    /// <param name="centered">Pad both sides of the shorter axis (face-api's landmark and recognition nets) or only the bottom/right (its detector).</param>
    public static Tensor Sample(RgbImage image, PixelRegion region, bool centered, int outputSize, ReadOnlySpan<float> meanRgb)
    {
        if (region.IsEmpty || region.X < 0 || region.Y < 0 || region.Right > image.Width || region.Bottom > image.Height)
        {
            throw new ArgumentOutOfRangeException(nameof(region), region, $"The region must lie inside the {image.Width}x{image.Height} image.");
        }

        var side = Math.Max(region.Width, region.Height);
        var difference = side - Math.Min(region.Width, region.Height);
        // face-api appends round(diff / 2) after the image and prepends the rest (JavaScript rounds .5 up).
        var before = centered ? difference - (int)Math.Floor((difference * 0.5) + 0.5) : 0;
        var padTop = region.Height < region.Width ? before : 0;
        var padLeft = region.Width < region.Height ? before : 0;
        var output = Tensor.RentUninitialized(1, outputSize, outputSize, 3);
        var target = output.Span;
        var pixels = image.Pixels.Span;
        var stride = image.Stride;
        var scale = side / (double)outputSize;
        float meanR = meanRgb[0], meanG = meanRgb[1], meanB = meanRgb[2];
        const float inverse = 1f / 255f;

        Span<int> x0s = stackalloc int[outputSize];
        Span<int> x1s = stackalloc int[outputSize];
        Span<float> fxs = stackalloc float[outputSize];
        for (var ox = 0; ox < outputSize; ox++)
        {
            (x0s[ox], x1s[ox], fxs[ox]) = Axis(ox, scale, side);
        }

        for (var oy = 0; oy < outputSize; oy++)
        {
            var (y0, y1, fy) = Axis(oy, scale, side);
            for (var ox = 0; ox < outputSize; ox++)
            {
                int x0 = x0s[ox], x1 = x1s[ox];
                var fx = fxs[ox];
                var o = ((oy * outputSize) + ox) * 3;
                for (var c = 0; c < 3; c++)
                {
                    var topLeft = Pixel(pixels, stride, region, padTop, padLeft, y0, x0, c);
                    var topRight = Pixel(pixels, stride, region, padTop, padLeft, y0, x1, c);
                    var bottomLeft = Pixel(pixels, stride, region, padTop, padLeft, y1, x0, c);
                    var bottomRight = Pixel(pixels, stride, region, padTop, padLeft, y1, x1, c);
                    var top = topLeft + ((topRight - topLeft) * fx);
                    var bottom = bottomLeft + ((bottomRight - bottomLeft) * fx);
                    var value = top + ((bottom - top) * fy);
                    target[o + c] = (value - (c == 0 ? meanR : c == 1 ? meanG : meanB)) * inverse;
                }
            }
        }

        return output;
    }

    /// <summary>A whole float HWC image (values 0..255) as a normalized network input, no resizing.</summary>
    public static Tensor Normalize(ReadOnlySpan<float> rgb, int height, int width, ReadOnlySpan<float> meanRgb)
    {
        var output = Tensor.RentUninitialized(1, height, width, 3);
        var target = output.Span;
        for (var i = 0; i < target.Length; i++)
        {
            target[i] = (rgb[i] - meanRgb[i % 3]) / 255f;
        }

        return output;
    }

    private static (int Low, int High, float Fraction) Axis(int index, double scale, int inSize)
    {
        // TF.js: source = index * (in / out) in double precision; floor/ceil clamped to the input.
        var source = index * scale;
        var low = (int)Math.Floor(source);
        var high = Math.Min(inSize - 1, (int)Math.Ceiling(source));
        return (Math.Min(low, inSize - 1), high, (float)(source - low));
    }

    private static float Pixel(ReadOnlySpan<byte> pixels, int stride, PixelRegion region, int padTop, int padLeft, int y, int x, int channel)
    {
        var ry = y - padTop;
        var rx = x - padLeft;
        if ((uint)ry >= (uint)region.Height || (uint)rx >= (uint)region.Width)
        {
            return 0f;
        }

        return pixels[((region.Y + ry) * stride) + ((region.X + rx) * 3) + channel];
    }
}
