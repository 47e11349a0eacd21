using System.Buffers;
namespace Glance.Inference.Nn;

/// <summary>
/// NHWC 2-D convolution as im2col + <see cref="Gemm"/>. The im2col matrix is built per block of output pixels (sized
/// to stay in L2), never for the whole image, and blocks run in parallel when the layer is large enough to pay for it.
/// 1x1 stride-1 convolutions multiply the input directly; convolutions over very few input channels (an RGB stem)
/// read their taps straight from the image instead of copying them.
/// </summary>
public static class Conv2D
{
    /// <summary>Below this many multiply-adds a layer runs on the calling thread.</summary>
    private const long ParallelThreshold = 1L << 21;

    /// <summary>Target im2col block size in floats (128 KB).</summary>
    private const int BlockFloats = 32 * 1024;

    public static Tensor Apply(Tensor input, ConvWeights weights, int stride, Padding padding, Activation activation = default, int dilation = 1) =>
        Apply(input, weights, stride, stride, padding, activation, dilation);

    public static Tensor Apply(Tensor input, ConvWeights weights, int strideY, int strideX, Padding padding, Activation activation = default, int dilation = 1)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(weights);
        if (input.Rank != 4 || input.Channels != weights.InChannels)
        {
            throw new NnShapeException($"Conv2D expects [N, H, W, {weights.InChannels}]; got {input}.");
        }

        var y = PaddedAxis.Compute(input.Height, weights.KernelHeight, strideY, padding, dilation);
        var x = PaddedAxis.Compute(input.Width, weights.KernelWidth, strideX, padding, dilation);
        var output = Tensor.RentUninitialized(input.Batch, y.Output, x.Output, weights.OutChannels);
        var geometry = new Geometry(input.Height, input.Width, input.Channels, y, x, weights.KernelHeight, weights.KernelWidth, strideY, strideX, dilation);
        var pixels = y.Output * x.Output;
        var k = weights.Matrix.Rows;
        var n = weights.OutChannels;
        var pointwise = weights.KernelHeight == 1 && weights.KernelWidth == 1 && strideY == 1 && strideX == 1;
        if (!pointwise && dilation == 1 && k <= ImplicitMaxK && Vector256.IsHardwareAccelerated)
        {
            ApplyImplicit(input, weights, geometry, activation, output);
            return output;
        }

        // Images of a batch are stacked along M: one GEMM streams each layer's weights once for the whole batch.
        var total = input.Batch * pixels;
        var blockRows = BlockRows(total, k, (long)total * k * n);
        var blocks = (total + blockRows - 1) / blockRows;
        var inputBuffer = input.Buffer;
        var outputBuffer = output.Buffer;
        var inputLength = input.Length;

        void RunBlock(int block)
        {
            var first = block * blockRows;
            var rows = Math.Min(blockRows, total - first);
            var c = outputBuffer.AsSpan(first * n, rows * n);
            if (pointwise)
            {
                Gemm.Multiply(inputBuffer.AsSpan(first * k, rows * k), rows, k, weights.Matrix, activation, c, n);
                return;
            }

            var columns = ArrayPool<float>.Shared.Rent(rows * k);
            try
            {
                Im2Col(inputBuffer.AsSpan(0, inputLength), geometry, first, rows, columns.AsSpan(0, rows * k));
                Gemm.Multiply(columns.AsSpan(0, rows * k), rows, k, weights.Matrix, activation, c, n);
            }
            finally
            {
                ArrayPool<float>.Shared.Return(columns);
            }
        }

        NnParallel.For(blocks, (long)total * k * n >= ParallelThreshold, RunBlock);
        return output;
    }

    /// <summary>Up to this K (kh * kw * in; 27 for a 3x3 RGB stem) copying im2col rows costs more than the multiply itself.</summary>
    private const int ImplicitMaxK = 64;

    /// <summary>Small-depth convolutions (a network's RGB stem): interior pixels four at a time straight from the image; border pixels through a one-row im2col.</summary>
    private static void ApplyImplicit(Tensor input, ConvWeights weights, Geometry g, Activation activation, Tensor output)
    {
        var channels = g.Channels;
        var n = weights.OutChannels;
        var k = weights.Matrix.Rows;
        var outHeight = g.Y.Output;
        var outWidth = g.X.Output;
        var rowStride = g.Width * channels;
        var segment = g.KernelWidth * channels;
        var imageLength = g.Height * rowStride;
        // Output columns whose receptive field is entirely inside the image horizontally.
        var firstInterior = Math.Min(outWidth, (g.X.PadBefore + g.StrideX - 1) / g.StrideX);
        var lastStart = g.Width - g.KernelWidth + g.X.PadBefore;
        var endInterior = lastStart < 0 ? firstInterior : Math.Max(firstInterior, Math.Min(outWidth, (lastStart / g.StrideX) + 1));
        var inputBuffer = input.Buffer;
        var outputBuffer = output.Buffer;
        var rows = input.Batch * outHeight;
        var wide = Vector512.IsHardwareAccelerated;

        void RunRow(int row)
        {
            var batch = row / outHeight;
            var oy = row - (batch * outHeight);
            var image = inputBuffer.AsSpan(batch * imageLength, imageLength);
            var target = outputBuffer.AsSpan(row * outWidth * n, outWidth * n);
            var iy0 = (oy * g.StrideY) - g.Y.PadBefore;
            var kyFirst = Math.Max(0, -iy0);
            var kyEnd = Math.Min(g.KernelHeight, g.Height - iy0);
            Span<int> origins = stackalloc int[8];
            Span<float> scratch = stackalloc float[k];
            var ox = 0;
            while (ox < outWidth)
            {
                if (wide && ox >= firstInterior && ox + 8 <= endInterior)
                {
                    for (var r = 0; r < 8; r++)
                    {
                        origins[r] = (iy0 * rowStride) + ((((ox + r) * g.StrideX) - g.X.PadBefore) * channels);
                    }

                    Gemm.ImplicitTile8(image, rowStride, segment, kyFirst, kyEnd, origins, weights.Matrix, activation, target.Slice(ox * n), n);
                    ox += 8;
                    continue;
                }

                if (ox >= firstInterior && ox + 4 <= endInterior)
                {
                    for (var r = 0; r < 4; r++)
                    {
                        origins[r] = (iy0 * rowStride) + ((((ox + r) * g.StrideX) - g.X.PadBefore) * channels);
                    }

                    Gemm.ImplicitTile4(image, rowStride, segment, kyFirst, kyEnd, origins, weights.Matrix, activation, target.Slice(ox * n), n);
                    ox += 4;
                    continue;
                }

                Im2Col(inputBuffer.AsSpan(0, input.Length), g, (row * outWidth) + ox, 1, scratch);
                Gemm.Multiply(scratch, 1, k, weights.Matrix, activation, target.Slice(ox * n, n), n);
                ox++;
            }
        }

        NnParallel.For(rows, (long)output.Length * k >= ParallelThreshold, RunRow);
    }

    private static int BlockRows(int pixels, int k, long multiplyAdds)
    {
        var rows = Math.Clamp(BlockFloats / k, 8, 512);
        if (multiplyAdds >= ParallelThreshold)
        {
            // At least two blocks per core so the threads finish together.
            var threads = 2 * NnParallel.MaxDegreeOfParallelism;
            var perBlock = (pixels + threads - 1) / threads;
            rows = Math.Min(rows, Math.Max(perBlock, 4));
        }

        // Whole 8-row tiles for the AVX-512 kernel (4-row tiles for AVX2 divide them too).
        return Math.Max(8, (rows + 7) / 8 * 8);
    }

    private readonly record struct Geometry(
        int Height, int Width, int Channels, PaddedAxis Y, PaddedAxis X, int KernelHeight, int KernelWidth, int StrideY, int StrideX, int Dilation);

    /// <summary>
    /// Rows of the im2col matrix for output pixels [first, first + rows) of the whole batch (pixel p is image
    /// p / (outH * outW)): each row is (ky, kx, c) ordered, zero where padded.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Im2Col(ReadOnlySpan<float> batchInput, Geometry g, int first, int rows, Span<float> columns)
    {
        var channels = g.Channels;
        var k = g.KernelHeight * g.KernelWidth * channels;
        var outWidth = g.X.Output;
        var pixelsPerImage = g.Y.Output * outWidth;
        var imageLength = g.Height * g.Width * channels;
        for (var r = 0; r < rows; r++)
        {
            var batch = (first + r) / pixelsPerImage;
            var image = batchInput.Slice(batch * imageLength, imageLength);
            var pixel = first + r - (batch * pixelsPerImage);
            var oy = pixel / outWidth;
            var ox = pixel - (oy * outWidth);
            var row = columns.Slice(r * k, k);
            var iy0 = (oy * g.StrideY) - g.Y.PadBefore;
            var ix0 = (ox * g.StrideX) - g.X.PadBefore;
            var position = 0;
            for (var ky = 0; ky < g.KernelHeight; ky++)
            {
                var iy = iy0 + (ky * g.Dilation);
                if ((uint)iy >= (uint)g.Height)
                {
                    row.Slice(position, g.KernelWidth * channels).Clear();
                    position += g.KernelWidth * channels;
                    continue;
                }

                var imageRow = image.Slice(iy * g.Width * channels, g.Width * channels);
                if (g.Dilation == 1 && ix0 >= 0 && ix0 + g.KernelWidth <= g.Width)
                {
                    // The whole kernel row is inside the image: one contiguous copy.
                    imageRow.Slice(ix0 * channels, g.KernelWidth * channels).CopyTo(row.Slice(position));
                    position += g.KernelWidth * channels;
                    continue;
                }

                for (var kx = 0; kx < g.KernelWidth; kx++)
                {
                    var ix = ix0 + (kx * g.Dilation);
                    var target = row.Slice(position, channels);
                    if ((uint)ix >= (uint)g.Width)
                    {
                        target.Clear();
                    }
                    else
                    {
                        imageRow.Slice(ix * channels, channels).CopyTo(target);
                    }

                    position += channels;
                }
            }
        }
    }
}
