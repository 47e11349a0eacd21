using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace Glance.Inference.Nn;

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

        var fast = weights.Multiplier == 1 && dilation == 1 && channels % 8 == 0 && Vector256.IsHardwareAccelerated;

        void RunRow(int row)
        {
            var batch = row / y.Output;
            var oy = row - (batch * y.Output);
            var image = inputBuffer.AsSpan(batch * height * width * channels, height * width * channels);
            var iy0 = (oy * strideY) - y.PadBefore;
            var kyFirst = Math.Max(0, -iy0);
            var kyEnd = Math.Min(weights.KernelHeight, height - iy0);
            if (fast)
            {
                FastRow(image, width, channels, weights, iy0, kyFirst, kyEnd, strideX, x, outputBuffer.AsSpan(row * x.Output * outChannels, x.Output * outChannels), activation);
                return;
            }

            for (var ox = 0; ox < x.Output; ox++)
            {
                var target = outputBuffer.AsSpan((((row * x.Output) + ox) * outChannels), outChannels);
                var ix0 = (ox * strideX) - x.PadBefore;

                weights.Bias.AsSpan().CopyTo(target);
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
                        var taps = weights.Filter.AsSpan(((ky * weights.KernelWidth) + kx) * outChannels, outChannels);
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

        NnParallel.For(rows, (long)output.Length * weights.KernelHeight * weights.KernelWidth >= ParallelThreshold, RunRow);

        return output;
    }

    /// <summary>One output row, 8 channels at a time in registers, over the taps known to be inside the image.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void FastRow(
        ReadOnlySpan<float> image, int width, int channels, DepthwiseWeights weights, int iy0, int kyFirst, int kyEnd, int strideX, PaddedAxis x, Span<float> targetRow, Activation activation)
    {
        ref var imageRef = ref MemoryMarshal.GetReference(image);
        ref var filterRef = ref MemoryMarshal.GetArrayDataReference(weights.Filter);
        ref var biasRef = ref MemoryMarshal.GetArrayDataReference(weights.Bias);
        ref var targetRef = ref MemoryMarshal.GetReference(targetRow);
        var kernelWidth = weights.KernelWidth;
        var alpha = Vector256.Create(activation.Alpha);
        for (var ox = 0; ox < x.Output; ox++)
        {
            var ix0 = (ox * strideX) - x.PadBefore;
            var kxFirst = Math.Max(0, -ix0);
            var kxEnd = Math.Min(kernelWidth, width - ix0);
            var outOffset = ox * channels;
            for (var c = 0; c < channels; c += 8)
            {
                var accumulator = Vector256.LoadUnsafe(ref biasRef, (nuint)c);
                for (var ky = kyFirst; ky < kyEnd; ky++)
                {
                    var rowOffset = ((((iy0 + ky) * width) + ix0) * channels) + c;
                    var tapOffset = (ky * kernelWidth * channels) + c;
                    for (var kx = kxFirst; kx < kxEnd; kx++)
                    {
                        var value = Vector256.LoadUnsafe(ref imageRef, (nuint)(rowOffset + (kx * channels)));
                        var tap = Vector256.LoadUnsafe(ref filterRef, (nuint)(tapOffset + (kx * channels)));
                        accumulator = Fma.IsSupported ? Fma.MultiplyAdd(value, tap, accumulator) : (value * tap) + accumulator;
                    }
                }

                accumulator = activation.Kind switch
                {
                    ActivationKind.Relu => Vector256.Max(accumulator, Vector256<float>.Zero),
                    ActivationKind.Relu6 => Vector256.Min(Vector256.Max(accumulator, Vector256<float>.Zero), Vector256.Create(6f)),
                    ActivationKind.LeakyRelu => Vector256.ConditionalSelect(Vector256.GreaterThan(accumulator, Vector256<float>.Zero), accumulator, accumulator * alpha),
                    _ => accumulator,
                };
                accumulator.StoreUnsafe(ref targetRef, (nuint)(outOffset + c));
            }
        }
    }
}
