using System.Numerics.Tensors;
using System.Runtime.InteropServices;
namespace Glance.Inference.Nn;

/// <summary>NHWC max and average pooling with TensorFlow's padding rules (padding never counts toward a max or a mean).</summary>
public static class Pooling
{
    public static Tensor MaxPool(Tensor input, int size, int stride, Padding padding) => Pool(input, size, size, stride, stride, padding, max: true);

    public static Tensor AvgPool(Tensor input, int size, int stride, Padding padding) => Pool(input, size, size, stride, stride, padding, max: false);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static Tensor Pool(Tensor input, int kernelHeight, int kernelWidth, int strideY, int strideX, Padding padding, bool max)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Rank != 4)
        {
            throw new NnShapeException($"Pooling expects [N, H, W, C]; got {input}.");
        }

        var y = PaddedAxis.Compute(input.Height, kernelHeight, strideY, padding);
        var x = PaddedAxis.Compute(input.Width, kernelWidth, strideX, padding);
        var channels = input.Channels;
        var output = Tensor.RentUninitialized(input.Batch, y.Output, x.Output, channels);
        if (max && channels % 8 == 0 && Vector256.IsHardwareAccelerated)
        {
            MaxPoolVectorized(input, y, x, kernelHeight, kernelWidth, strideY, strideX, output);
            return output;
        }

        var source = input.Span;
        var target = output.Span;
        for (var batch = 0; batch < input.Batch; batch++)
        {
            var image = source.Slice(batch * input.Height * input.Width * channels, input.Height * input.Width * channels);
            for (var oy = 0; oy < y.Output; oy++)
            {
                var y0 = Math.Max((oy * strideY) - y.PadBefore, 0);
                var y1 = Math.Min((oy * strideY) - y.PadBefore + kernelHeight, input.Height);
                for (var ox = 0; ox < x.Output; ox++)
                {
                    var x0 = Math.Max((ox * strideX) - x.PadBefore, 0);
                    var x1 = Math.Min((ox * strideX) - x.PadBefore + kernelWidth, input.Width);
                    var cell = target.Slice((((batch * y.Output) + oy) * x.Output + ox) * channels, channels);
                    var firstTap = true;
                    for (var iy = y0; iy < y1; iy++)
                    {
                        for (var ix = x0; ix < x1; ix++)
                        {
                            var tap = image.Slice(((iy * input.Width) + ix) * channels, channels);
                            if (firstTap)
                            {
                                tap.CopyTo(cell);
                                firstTap = false;
                            }
                            else if (max)
                            {
                                TensorPrimitives.Max(cell, tap, cell);
                            }
                            else
                            {
                                TensorPrimitives.Add(cell, tap, cell);
                            }
                        }
                    }

                    if (!max)
                    {
                        TensorPrimitives.Multiply(cell, 1f / ((y1 - y0) * (x1 - x0)), cell);
                    }
                }
            }
        }

        return output;
    }

    /// <summary>Max pooling 8 channels per register: one pass per output pixel, no per-tap calls.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void MaxPoolVectorized(Tensor input, PaddedAxis y, PaddedAxis x, int kernelHeight, int kernelWidth, int strideY, int strideX, Tensor output)
    {
        var channels = input.Channels;
        var height = input.Height;
        var width = input.Width;
        ref var sourceRef = ref MemoryMarshal.GetArrayDataReference(input.Buffer);
        ref var targetRef = ref MemoryMarshal.GetArrayDataReference(output.Buffer);
        var target = 0;
        for (var batch = 0; batch < input.Batch; batch++)
        {
            var imageOffset = batch * height * width * channels;
            for (var oy = 0; oy < y.Output; oy++)
            {
                var y0 = Math.Max((oy * strideY) - y.PadBefore, 0);
                var y1 = Math.Min((oy * strideY) - y.PadBefore + kernelHeight, height);
                for (var ox = 0; ox < x.Output; ox++)
                {
                    var x0 = Math.Max((ox * strideX) - x.PadBefore, 0);
                    var x1 = Math.Min((ox * strideX) - x.PadBefore + kernelWidth, width);
                    for (var c = 0; c < channels; c += 8)
                    {
                        var best = Vector256.Create(float.NegativeInfinity);
                        for (var iy = y0; iy < y1; iy++)
                        {
                            var rowOffset = imageOffset + (iy * width * channels) + c;
                            for (var ix = x0; ix < x1; ix++)
                            {
                                best = Vector256.Max(best, Vector256.LoadUnsafe(ref sourceRef, (nuint)(rowOffset + (ix * channels))));
                            }
                        }

                        best.StoreUnsafe(ref targetRef, (nuint)(target + c));
                    }

                    target += channels;
                }
            }
        }
    }

    /// <summary>[N, H, W, C] to [N, C]: the mean over the spatial axes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static Tensor GlobalAverage(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Rank != 4)
        {
            throw new NnShapeException($"Global average pooling expects [N, H, W, C]; got {input}.");
        }

        var channels = input.Channels;
        var pixels = input.Height * input.Width;
        var output = Tensor.Rent(input.Batch, channels);
        for (var batch = 0; batch < input.Batch; batch++)
        {
            var sum = output.Span.Slice(batch * channels, channels);
            var image = input.Span.Slice(batch * pixels * channels, pixels * channels);
            for (var p = 0; p < pixels; p++)
            {
                TensorPrimitives.Add(sum, image.Slice(p * channels, channels), sum);
            }

            TensorPrimitives.Multiply(sum, 1f / pixels, sum);
        }

        return output;
    }
}
