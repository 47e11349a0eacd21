namespace Glance.Inference.Nn;

/// <summary>NHWC bilinear resize with TensorFlow's coordinate conventions (alignCorners, halfPixelCenters).</summary>
public static class ResizeBilinear
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static Tensor Apply(Tensor input, int outHeight, int outWidth, bool alignCorners = false, bool halfPixelCenters = false)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outHeight);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outWidth);
        if (input.Rank != 4)
        {
            throw new NnShapeException($"ResizeBilinear expects [N, H, W, C]; got {input}.");
        }

        var channels = input.Channels;
        var inHeight = input.Height;
        var inWidth = input.Width;
        var scaleY = Scale(inHeight, outHeight, alignCorners);
        var scaleX = Scale(inWidth, outWidth, alignCorners);
        var output = Tensor.RentUninitialized(input.Batch, outHeight, outWidth, channels);
        var xs = new (int Low, int High, float Fraction)[outWidth];
        for (var ox = 0; ox < outWidth; ox++)
        {
            xs[ox] = SourceCoordinate(ox, scaleX, inWidth, halfPixelCenters);
        }

        var source = input.Span;
        var target = output.Span;
        for (var batch = 0; batch < input.Batch; batch++)
        {
            var image = source.Slice(batch * inHeight * inWidth * channels, inHeight * inWidth * channels);
            for (var oy = 0; oy < outHeight; oy++)
            {
                var (y0, y1, fy) = SourceCoordinate(oy, scaleY, inHeight, halfPixelCenters);
                var top = image.Slice(y0 * inWidth * channels, inWidth * channels);
                var bottom = image.Slice(y1 * inWidth * channels, inWidth * channels);
                var row = target.Slice(((batch * outHeight) + oy) * outWidth * channels, outWidth * channels);
                for (var ox = 0; ox < outWidth; ox++)
                {
                    var (x0, x1, fx) = xs[ox];
                    for (var c = 0; c < channels; c++)
                    {
                        var topValue = top[(x0 * channels) + c] + ((top[(x1 * channels) + c] - top[(x0 * channels) + c]) * fx);
                        var bottomValue = bottom[(x0 * channels) + c] + ((bottom[(x1 * channels) + c] - bottom[(x0 * channels) + c]) * fx);
                        row[(ox * channels) + c] = topValue + ((bottomValue - topValue) * fy);
                    }
                }
            }
        }

        return output;
    }

    private static float Scale(int inSize, int outSize, bool alignCorners) =>
        alignCorners && outSize > 1 ? (inSize - 1) / (float)(outSize - 1) : inSize / (float)outSize;

    private static (int Low, int High, float Fraction) SourceCoordinate(int index, float scale, int inSize, bool halfPixelCenters)
    {
        var position = halfPixelCenters ? ((index + 0.5f) * scale) - 0.5f : index * scale;
        var low = (int)MathF.Floor(position);
        var fraction = position - low;
        var clampedLow = Math.Clamp(low, 0, inSize - 1);
        var high = Math.Clamp(low + 1, 0, inSize - 1);
        if (position < 0)
        {
            fraction = 0;
        }

        return (clampedLow, high, fraction);
    }
}
