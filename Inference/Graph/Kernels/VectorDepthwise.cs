using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;
namespace Glance.Inference.Graph.Kernels;

/// <summary>
/// NHWC depthwise convolution (channel multiplier 1) with the taps of each output pixel accumulated in registers:
/// four 8-float accumulators side by side (32 channels) so the FMA chains overlap, then one vector, then scalar for the
/// channels left over. Only in-bounds taps are visited, so padding costs nothing. Rows run in parallel for large layers.
/// The graph's depthwise layers (up to 720 channels, odd counts such as 18 and 22 in the head) spend most of their time
/// here; other multipliers fall back to <see cref="DepthwiseConv2D"/>.
/// </summary>
internal static class VectorDepthwise
{
    private const long ParallelThreshold = 1L << 18;

    public static bool Supports(DepthwiseWeights weights, int dilation) => weights.Multiplier == 1 && dilation == 1;

    public static Tensor Apply(Tensor input, DepthwiseWeights weights, int strideY, int strideX, Padding padding, Activation activation)
    {
        var filter = weights.Filter;
        var bias = weights.Bias;
        var y = PaddedAxis.Compute(input.Height, weights.KernelHeight, strideY, padding);
        var x = PaddedAxis.Compute(input.Width, weights.KernelWidth, strideX, padding);
        var channels = input.Channels;
        var output = Tensor.RentUninitialized(input.Batch, y.Output, x.Output, channels);
        var inputBuffer = input.Buffer;
        var outputBuffer = output.Buffer;
        var geometry = new Geometry(input.Height, input.Width, channels, weights.KernelHeight, weights.KernelWidth, strideY, strideX, y, x);
        var rows = input.Batch * y.Output;

        void RunRow(int row)
        {
            var batch = row / y.Output;
            var oy = row - (batch * y.Output);
            var imageLength = geometry.Height * geometry.Width * channels;
            var image = inputBuffer.AsSpan(batch * imageLength, imageLength);
            var target = outputBuffer.AsSpan(row * x.Output * channels, x.Output * channels);
            Row(image, geometry, oy, filter, bias, activation, target);
        }

        if ((long)output.Length * weights.KernelHeight * weights.KernelWidth >= ParallelThreshold && rows > 1)
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

    private readonly record struct Geometry(int Height, int Width, int Channels, int KernelHeight, int KernelWidth, int StrideY, int StrideX, PaddedAxis Y, PaddedAxis X);

    private static void Row(ReadOnlySpan<float> image, Geometry g, int oy, float[] filter, float[] bias, Activation activation, Span<float> target)
    {
        var channels = g.Channels;
        var iy0 = (oy * g.StrideY) - g.Y.PadBefore;
        var kyFirst = Math.Max(0, -iy0);
        var kyEnd = Math.Min(g.KernelHeight, g.Height - iy0);
        ref var imageRef = ref MemoryMarshal.GetReference(image);
        ref var filterRef = ref MemoryMarshal.GetArrayDataReference(filter);
        ref var biasRef = ref MemoryMarshal.GetArrayDataReference(bias);
        ref var targetRef = ref MemoryMarshal.GetReference(target);
        var rowStride = g.Width * channels;
        var tapRowStride = g.KernelWidth * channels;
        for (var ox = 0; ox < g.X.Output; ox++)
        {
            var ix0 = (ox * g.StrideX) - g.X.PadBefore;
            var kxFirst = Math.Max(0, -ix0);
            var kxEnd = Math.Min(g.KernelWidth, g.Width - ix0);
            // Offsets of the first in-bounds tap in the image and in the filter.
            var imageBase = ((iy0 + kyFirst) * rowStride) + ((ix0 + kxFirst) * channels);
            var filterBase = (kyFirst * tapRowStride) + (kxFirst * channels);
            var taps = new Taps(kyEnd - kyFirst, kxEnd - kxFirst, rowStride, tapRowStride, channels);
            ref var pixel = ref Unsafe.Add(ref targetRef, ox * channels);
            var c = 0;
            if (Vector256.IsHardwareAccelerated)
            {
                for (; c + 32 <= channels; c += 32)
                {
                    Block32(ref Unsafe.Add(ref imageRef, imageBase + c), ref Unsafe.Add(ref filterRef, filterBase + c), ref Unsafe.Add(ref biasRef, c), taps, activation, ref Unsafe.Add(ref pixel, c));
                }

                for (; c + 8 <= channels; c += 8)
                {
                    Block8(ref Unsafe.Add(ref imageRef, imageBase + c), ref Unsafe.Add(ref filterRef, filterBase + c), ref Unsafe.Add(ref biasRef, c), taps, activation, ref Unsafe.Add(ref pixel, c));
                }
            }

            for (; c < channels; c++)
            {
                var sum = Unsafe.Add(ref biasRef, c);
                for (var ky = 0; ky < taps.Rows; ky++)
                {
                    for (var kx = 0; kx < taps.Columns; kx++)
                    {
                        sum += Unsafe.Add(ref imageRef, imageBase + (ky * rowStride) + (kx * channels) + c) *
                            Unsafe.Add(ref filterRef, filterBase + (ky * tapRowStride) + (kx * channels) + c);
                    }
                }

                Unsafe.Add(ref pixel, c) = activation.Apply(sum);
            }
        }
    }

    private readonly record struct Taps(int Rows, int Columns, int ImageRowStride, int FilterRowStride, int Channels);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> MultiplyAdd(Vector256<float> a, Vector256<float> b, Vector256<float> addend) =>
        Fma.IsSupported ? Fma.MultiplyAdd(a, b, addend) : (a * b) + addend;

    private static void Block32(ref float image, ref float filter, ref float bias, Taps taps, Activation activation, ref float target)
    {
        var a0 = Vector256.LoadUnsafe(ref bias);
        var a1 = Vector256.LoadUnsafe(ref bias, 8);
        var a2 = Vector256.LoadUnsafe(ref bias, 16);
        var a3 = Vector256.LoadUnsafe(ref bias, 24);
        for (var ky = 0; ky < taps.Rows; ky++)
        {
            ref var imageRow = ref Unsafe.Add(ref image, ky * taps.ImageRowStride);
            ref var filterRow = ref Unsafe.Add(ref filter, ky * taps.FilterRowStride);
            for (var kx = 0; kx < taps.Columns; kx++)
            {
                ref var v = ref Unsafe.Add(ref imageRow, kx * taps.Channels);
                ref var w = ref Unsafe.Add(ref filterRow, kx * taps.Channels);
                a0 = MultiplyAdd(Vector256.LoadUnsafe(ref v), Vector256.LoadUnsafe(ref w), a0);
                a1 = MultiplyAdd(Vector256.LoadUnsafe(ref v, 8), Vector256.LoadUnsafe(ref w, 8), a1);
                a2 = MultiplyAdd(Vector256.LoadUnsafe(ref v, 16), Vector256.LoadUnsafe(ref w, 16), a2);
                a3 = MultiplyAdd(Vector256.LoadUnsafe(ref v, 24), Vector256.LoadUnsafe(ref w, 24), a3);
            }
        }

        Activate(a0, activation).StoreUnsafe(ref target);
        Activate(a1, activation).StoreUnsafe(ref target, 8);
        Activate(a2, activation).StoreUnsafe(ref target, 16);
        Activate(a3, activation).StoreUnsafe(ref target, 24);
    }

    private static void Block8(ref float image, ref float filter, ref float bias, Taps taps, Activation activation, ref float target)
    {
        var a = Vector256.LoadUnsafe(ref bias);
        for (var ky = 0; ky < taps.Rows; ky++)
        {
            ref var imageRow = ref Unsafe.Add(ref image, ky * taps.ImageRowStride);
            ref var filterRow = ref Unsafe.Add(ref filter, ky * taps.FilterRowStride);
            for (var kx = 0; kx < taps.Columns; kx++)
            {
                a = MultiplyAdd(Vector256.LoadUnsafe(ref imageRow, (nuint)(kx * taps.Channels)), Vector256.LoadUnsafe(ref filterRow, (nuint)(kx * taps.Channels)), a);
            }
        }

        Activate(a, activation).StoreUnsafe(ref target);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Activate(Vector256<float> value, Activation activation) => activation.Kind switch
    {
        ActivationKind.Relu => Vector256.Max(value, Vector256<float>.Zero),
        ActivationKind.Relu6 => Vector256.Min(Vector256.Max(value, Vector256<float>.Zero), Vector256.Create(6f)),
        ActivationKind.LeakyRelu => Vector256.ConditionalSelect(Vector256.GreaterThan(value, Vector256<float>.Zero), value, value * Vector256.Create(activation.Alpha)),
        _ => value,
    };
}
