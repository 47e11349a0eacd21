using System.Numerics.Tensors;

namespace Glance.Detection.Local.Nn;

/// <summary>
/// NHWC depthwise convolution: each output pixel accumulates its in-bounds taps with SIMD over the channel axis
/// (the innermost, contiguous one). Rows run in parallel for large layers.
/// </summary>
public static class DepthwiseConv2D
{
    private const long ParallelThreshold = 1L << 20;

    public static Tensor Apply(Tensor input, DepthwiseWeights weights, int stride, Padding padding, Activation activation = default, int dilation = 1) =>
        Apply(input, weights, stride, stride, padding, activation, dilation);

    public static Tensor Apply(Tensor input, DepthwiseWeights weights, int strideY, int strideX, Padding padding, Activation activation = default, int dilation = 1)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(weights);
        if (input.Rank != 4 || input.Channels != weights.Channels)
        {
            throw new NnShapeException($"DepthwiseConv2D expects [N, H, W, {weights.Channels}]; got {input}.");
        }

        var y = PaddedAxis.Compute(input.Height, weights.KernelHeight, strideY, padding, dilation);
        var x = PaddedAxis.Compute(input.Width, weights.KernelWidth, strideX, padding, dilation);
        var outChannels = weights.OutChannels;
        var output = Tensor.RentUninitialized(input.Batch, y.Output, x.Output, outChannels);
        var inputBuffer = input.Buffer;
        var outputBuffer = output.Buffer;
        var height = input.Height;
        var width = input.Width;
        var channels = input.Channels;
        var rows = input.Batch * y.Output;

        void RunRow(int row)
        {
            var batch = row / y.Output;
            var oy = row - (batch * y.Output);
            var image = inputBuffer.AsSpan(batch * height * width * channels, height * width * channels);
            var filter = weights.Filter.AsSpan();
            for (var ox = 0; ox < x.Output; ox++)
            {
                var target = outputBuffer.AsSpan((((row * x.Output) + ox) * outChannels), outChannels);
                weights.Bias.AsSpan().CopyTo(target);
                var iy0 = (oy * strideY) - y.PadBefore;
                var ix0 = (ox * strideX) - x.PadBefore;
                for (var ky = 0; ky < weights.KernelHeight; ky++)
                {
                    var iy = iy0 + (ky * dilation);
                    if ((uint)iy >= (uint)height)
                    {
                        continue;
                    }

                    for (var kx = 0; kx < weights.KernelWidth; kx++)
                    {
                        var ix = ix0 + (kx * dilation);
                        if ((uint)ix >= (uint)width)
                        {
                            continue;
                        }

                        var source = image.Slice(((iy * width) + ix) * channels, channels);
                        var taps = filter.Slice(((ky * weights.KernelWidth) + kx) * outChannels, outChannels);
                        if (weights.Multiplier == 1)
                        {
                            TensorPrimitives.MultiplyAdd(source, taps, target, target);
                        }
                        else
                        {
                            for (var o = 0; o < outChannels; o++)
                            {
                                target[o] += source[o / weights.Multiplier] * taps[o];
                            }
                        }
                    }
                }

                Activations.Apply(target, activation);
            }
        }

        if ((long)output.Length * weights.KernelHeight * weights.KernelWidth >= ParallelThreshold)
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
}
