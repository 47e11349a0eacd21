using System.Runtime.CompilerServices;
using Glance.Inference.Nn;
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
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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

        // Per output column/row: the byte offsets of the two source samples (-1 inside the zero padding) and the weight.
        var x0s = new int[outputSize];
        var x1s = new int[outputSize];
        var fxs = new float[outputSize];
        for (var ox = 0; ox < outputSize; ox++)
        {
            var (low, high, fraction) = Axis(ox, scale, side);
            x0s[ox] = ColumnOffset(low - padLeft, region);
            x1s[ox] = ColumnOffset(high - padLeft, region);
            fxs[ox] = fraction;
        }

        Span<float> mean = [meanR, meanG, meanB];
        for (var oy = 0; oy < outputSize; oy++)
        {
            var (low, high, fy) = Axis(oy, scale, side);
            var top = RowOffset(low - padTop, region, stride);
            var bottom = RowOffset(high - padTop, region, stride);
            var row = target.Slice(oy * outputSize * 3, outputSize * 3);
            for (var ox = 0; ox < outputSize; ox++)
            {
                int x0 = x0s[ox], x1 = x1s[ox];
                var fx = fxs[ox];
                for (var c = 0; c < 3; c++)
                {
                    var topLeft = Read(pixels, top, x0, c);
                    var topRight = Read(pixels, top, x1, c);
                    var bottomLeft = Read(pixels, bottom, x0, c);
                    var bottomRight = Read(pixels, bottom, x1, c);
                    var upper = topLeft + ((topRight - topLeft) * fx);
                    var lower = bottomLeft + ((bottomRight - bottomLeft) * fx);
                    row[(ox * 3) + c] = (upper + ((lower - upper) * fy) - mean[c]) * inverse;
                }
            }
        }

        return output;
    }

    /// <summary>A float HWC image (values 0..255) normalized into <paramref name="target"/>, no resizing.</summary>
    public static void Normalize(ReadOnlySpan<float> rgb, ReadOnlySpan<float> meanRgb, Span<float> target)
    {
        for (var i = 0; i + 2 < target.Length; i += 3)
        {
            target[i] = (rgb[i] - meanRgb[0]) / 255f;
            target[i + 1] = (rgb[i + 1] - meanRgb[1]) / 255f;
            target[i + 2] = (rgb[i + 2] - meanRgb[2]) / 255f;
        }
    }

    private static (int Low, int High, float Fraction) Axis(int index, double scale, int inSize)
    {
        // TF.js: source = index * (in / out) in double precision; floor/ceil clamped to the input.
        var source = index * scale;
        var low = (int)Math.Floor(source);
        var high = Math.Min(inSize - 1, (int)Math.Ceiling(source));
        return (Math.Min(low, inSize - 1), high, (float)(source - low));
    }

    private static int ColumnOffset(int x, PixelRegion region) => (uint)x < (uint)region.Width ? (region.X + x) * 3 : -1;

    private static int RowOffset(int y, PixelRegion region, int stride) => (uint)y < (uint)region.Height ? (region.Y + y) * stride : -1;

    private static float Read(ReadOnlySpan<byte> pixels, int rowOffset, int columnOffset, int channel) =>
        rowOffset < 0 || columnOffset < 0 ? 0f : pixels[rowOffset + columnOffset + channel];
}
