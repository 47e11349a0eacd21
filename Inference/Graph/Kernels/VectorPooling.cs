using System.Runtime.InteropServices;
namespace Glance.Inference.Graph.Kernels;

/// <summary>
/// NHWC max pooling and bilinear resizing with the channel loop in 8-float vectors (no per-pixel calls), for the
/// wide heatmaps CenterNet pools and upsamples (128x128 x 80 classes). Same results as the Nn ops: max is exact, and
/// the bilinear arithmetic is the same float operations in the same order.
/// </summary>
internal static class VectorPooling
{
    private const long ParallelThreshold = 1L << 20;

    public static Tensor MaxPool(Tensor input, int kernelHeight, int kernelWidth, int strideY, int strideX, Padding padding)
    {
        var y = PaddedAxis.Compute(input.Height, kernelHeight, strideY, padding);
        var x = PaddedAxis.Compute(input.Width, kernelWidth, strideX, padding);
        var (height, width, channels) = (input.Height, input.Width, input.Channels);
        var output = Tensor.RentUninitialized(input.Batch, y.Output, x.Output, channels);
        var (source, target) = (input.Buffer, output.Buffer);
        var rows = input.Batch * y.Output;

        void RunRow(int row)
        {
            var batch = row / y.Output;
            var oy = row - (batch * y.Output);
            var image = source.AsSpan(batch * height * width * channels, height * width * channels);
            var y0 = Math.Max((oy * strideY) - y.PadBefore, 0);
            var y1 = Math.Min((oy * strideY) - y.PadBefore + kernelHeight, height);
            for (var ox = 0; ox < x.Output; ox++)
            {
                var x0 = Math.Max((ox * strideX) - x.PadBefore, 0);
                var x1 = Math.Min((ox * strideX) - x.PadBefore + kernelWidth, width);
                MaxCell(image, width, channels, y0, y1, x0, x1, target.AsSpan(((row * x.Output) + ox) * channels, channels));
            }
        }

        if ((long)output.Length * kernelHeight * kernelWidth >= ParallelThreshold && rows > 1)
        {
            Parallel.For(0, rows, RunRow);
        }
        else
        {
            for (var row = 0; row < rows; row++)
            {
                RunRow(row);
            }
        }

        return output;
    }

    private static void MaxCell(ReadOnlySpan<float> image, int width, int channels, int y0, int y1, int x0, int x1, Span<float> cell)
    {
        ref var imageRef = ref MemoryMarshal.GetReference(image);
        var c = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; c + 8 <= channels; c += 8)
            {
                var max = Vector256.Create(float.NegativeInfinity);
                for (var iy = y0; iy < y1; iy++)
                {
                    for (var ix = x0; ix < x1; ix++)
                    {
                        max = Vector256.Max(max, Vector256.LoadUnsafe(ref imageRef, (nuint)((((iy * width) + ix) * channels) + c)));
                    }
                }

                max.CopyTo(cell.Slice(c, 8));
            }
        }

        for (; c < channels; c++)
        {
            var max = float.NegativeInfinity;
            for (var iy = y0; iy < y1; iy++)
            {
                for (var ix = x0; ix < x1; ix++)
                {
                    max = MathF.Max(max, image[(((iy * width) + ix) * channels) + c]);
                }
            }

            cell[c] = max;
        }
    }

    /// <summary>Bilinear resize without corner alignment or half-pixel centres (TF's defaults; the only mode the graph uses).</summary>
    public static Tensor ResizeBilinear(Tensor input, int outHeight, int outWidth)
    {
        var (inHeight, inWidth, channels) = (input.Height, input.Width, input.Channels);
        var output = Tensor.RentUninitialized(input.Batch, outHeight, outWidth, channels);
        var columns = new (int Left, int Right, float Fraction)[outWidth];
        var ratioX = inWidth / (float)outWidth;
        for (var ox = 0; ox < outWidth; ox++)
        {
            columns[ox] = Source(ox, ratioX, inWidth);
        }

        var ratioY = inHeight / (float)outHeight;
        var source = input.Span;
        var target = output.Span;
        for (var batch = 0; batch < input.Batch; batch++)
        {
            var image = source.Slice(batch * inHeight * inWidth * channels, inHeight * inWidth * channels);
            for (var oy = 0; oy < outHeight; oy++)
            {
                var (top, bottom, fy) = Source(oy, ratioY, inHeight);
                var topRow = image.Slice(top * inWidth * channels, inWidth * channels);
                var bottomRow = image.Slice(bottom * inWidth * channels, inWidth * channels);
                var row = target.Slice(((batch * outHeight) + oy) * outWidth * channels, outWidth * channels);
                for (var ox = 0; ox < outWidth; ox++)
                {
                    var (left, right, fx) = columns[ox];
                    Blend(topRow.Slice(left * channels, channels), topRow.Slice(right * channels, channels),
                        bottomRow.Slice(left * channels, channels), bottomRow.Slice(right * channels, channels), fx, fy, row.Slice(ox * channels, channels));
                }
            }
        }

        return output;
    }

    private static (int Low, int High, float Fraction) Source(int index, float ratio, int inSize)
    {
        var position = index * ratio;
        var low = (int)MathF.Floor(position);
        return (Math.Min(low, inSize - 1), Math.Min(low + 1, inSize - 1), position - low);
    }

    private static void Blend(ReadOnlySpan<float> topLeft, ReadOnlySpan<float> topRight, ReadOnlySpan<float> bottomLeft, ReadOnlySpan<float> bottomRight, float fx, float fy, Span<float> target)
    {
        var c = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var vx = Vector256.Create(fx);
            var vy = Vector256.Create(fy);
            for (; c + 8 <= target.Length; c += 8)
            {
                var tl = Vector256.Create(topLeft.Slice(c, 8));
                var bl = Vector256.Create(bottomLeft.Slice(c, 8));
                var upper = tl + ((Vector256.Create(topRight.Slice(c, 8)) - tl) * vx);
                var lower = bl + ((Vector256.Create(bottomRight.Slice(c, 8)) - bl) * vx);
                (upper + ((lower - upper) * vy)).CopyTo(target.Slice(c, 8));
            }
        }

        for (; c < target.Length; c++)
        {
            var upper = topLeft[c] + ((topRight[c] - topLeft[c]) * fx);
            var lower = bottomLeft[c] + ((bottomRight[c] - bottomLeft[c]) * fx);
            target[c] = upper + ((lower - upper) * fy);
        }
    }
}
