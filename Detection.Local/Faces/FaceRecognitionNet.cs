using Glance.Inference.Nn;

namespace Glance.Detection.Local.Faces;

/// <summary>
/// face-api's FaceRecognitionNet (dlib's ResNet-34-like face descriptor): a 7x7/2 conv and a 3x3/2 max pool, residual
/// stages of 32, 64, 128 and 256 channels, a global average and a 256x128 projection, over a 150x150 aligned face chip.
/// The scale layer after every convolution is folded into the convolution at load. Run by the chosen
/// <see cref="FaceEngine"/> (the input normalization is the same for both). Safe to call from several threads.
/// </summary>
public sealed class FaceRecognitionNet : IDisposable
{
    public const int ChipSize = 150;
    public const int DescriptorLength = 128;

    /// <summary>The stem: a 7x7/2 convolution from RGB to 32 channels.</summary>
    internal const string StemPrefix = "conv32_down";

    /// <summary>The residual stages in order: weight prefix, channels in and out, and whether the stage halves the size.</summary>
    internal static readonly (string Prefix, int InChannels, int OutChannels, bool Down)[] Stages =
    [
        ("conv32_1", 32, 32, false), ("conv32_2", 32, 32, false), ("conv32_3", 32, 32, false),
        ("conv64_down", 32, 64, true), ("conv64_1", 64, 64, false), ("conv64_2", 64, 64, false), ("conv64_3", 64, 64, false),
        ("conv128_down", 64, 128, true), ("conv128_1", 128, 128, false), ("conv128_2", 128, 128, false),
        ("conv256_down", 128, 256, true), ("conv256_1", 256, 256, false), ("conv256_2", 256, 256, false),
        ("conv256_down_out", 256, 256, true),
    ];

    private static readonly float[] MeanRgb = [122.782f, 117.001f, 104.298f];

    private readonly ConvWeights? stem;
    private readonly Residual[] stages = [];
    private readonly PackedMatrix? projection;
    private readonly FaceOnnxSession? onnx;

    /// <param name="threads">ONNX Runtime's intra-op threads for one run (the managed engine uses <see cref="NnParallel"/>).</param>
    public FaceRecognitionNet(TfjsWeightMap weights, FaceEngine engine = FaceEngine.Managed, int threads = 1)
    {
        ArgumentNullException.ThrowIfNull(weights);
        if (engine == FaceEngine.OnnxRuntime)
        {
            onnx = new FaceOnnxSession(FaceRecognitionOnnxModel.Build(weights), threads);
            return;
        }

        stem = Folded(weights, StemPrefix, 7, 3, 32);
        stages = [.. Stages.Select(s => new Residual(weights, s.Prefix, s.InChannels, s.OutChannels, s.Down))];
        projection = FullyConnected.Pack(weights.Tensor("fc", 256, DescriptorLength), []);
    }

    public FaceEngine Engine => onnx is null ? FaceEngine.Managed : FaceEngine.OnnxRuntime;

    /// <summary>The 128-d descriptor of a 150x150 RGB chip given as floats 0..255, HWC.</summary>
    public float[] Describe(float[] chipRgb) => Describe([chipRgb])[0];

    /// <summary>
    /// Descriptors of several chips in one batched pass: every layer's weights (6 MB in all) are streamed once for the
    /// whole batch instead of once per face.
    /// </summary>
    public float[][] Describe(IReadOnlyList<float[]> chips)
    {
        ArgumentNullException.ThrowIfNull(chips);
        if (chips.Count == 0)
        {
            return [];
        }

        const int chipLength = ChipSize * ChipSize * 3;
        using var input = Tensor.RentUninitialized(chips.Count, ChipSize, ChipSize, 3);
        for (var i = 0; i < chips.Count; i++)
        {
            if (chips[i].Length != chipLength)
            {
                throw new ArgumentException($"A face chip is {ChipSize}x{ChipSize} RGB ({chipLength} values); got {chips[i].Length}.", nameof(chips));
            }

            NetInputSampler.Normalize(chips[i], MeanRgb, input.Span.Slice(i * chipLength, chipLength));
        }

        if (onnx is not null)
        {
            return onnx.Run(input).Chunk(DescriptorLength).ToArray();
        }

        var x = Conv2D.Apply(input, stem!, 2, Padding.Valid, Activation.Relu);
        var pooled = Pooling.MaxPool(x, 3, 2, Padding.Valid);
        x.Dispose();
        x = pooled;
        foreach (var stage in stages)
        {
            var next = stage.Apply(x);
            x.Dispose();
            x = next;
        }

        using var average = Pooling.GlobalAverage(x);
        x.Dispose();
        using var descriptors = FullyConnected.Apply(average, projection!);
        return Enumerable.Range(0, chips.Count).Select(i => descriptors.Span.Slice(i * DescriptorLength, DescriptorLength).ToArray()).ToArray();
    }

    public void Dispose() => onnx?.Dispose();

    /// <summary>conv + bias followed by the scale layer (x * weights + biases), folded into one HWIO filter and bias.</summary>
    internal static (float[] Filter, float[] Bias) FoldedFilter(TfjsWeightMap weights, string prefix, int kernel, int inChannels, int outChannels)
    {
        using var filter = weights.Tensor($"{prefix}/conv/filters", kernel, kernel, inChannels, outChannels);
        return BatchNormFolding.FoldAffine(
            filter.Span, weights.Floats($"{prefix}/conv/bias", outChannels),
            weights.Floats($"{prefix}/scale/weights", outChannels), weights.Floats($"{prefix}/scale/biases", outChannels));
    }

    private static ConvWeights Folded(TfjsWeightMap weights, string prefix, int kernel, int inChannels, int outChannels)
    {
        var (filter, bias) = FoldedFilter(weights, prefix, kernel, inChannels, outChannels);
        return ConvWeights.Create(filter, kernel, kernel, inChannels, outChannels, bias);
    }

    /// <summary>
    /// relu(x + conv2(relu(conv1(x)))). The down-sampling kind strides conv1 by 2 ('valid') and adds a 2x2 average pool
    /// of x instead of x, zero-extended where the shapes differ (channels doubled; one more row/column) as face-api does.
    /// </summary>
    private sealed class Residual(TfjsWeightMap weights, string prefix, int inChannels, int outChannels, bool down)
    {
        private readonly ConvWeights conv1 = Folded(weights, $"{prefix}/conv1", 3, inChannels, outChannels);
        private readonly ConvWeights conv2 = Folded(weights, $"{prefix}/conv2", 3, outChannels, outChannels);

        public Tensor Apply(Tensor x)
        {
            using var hidden = down
                ? Conv2D.Apply(x, conv1, 2, Padding.Valid, Activation.Relu)
                : Conv2D.Apply(x, conv1, 1, Padding.Same, Activation.Relu);
            var output = Conv2D.Apply(hidden, conv2, 1, Padding.Same);
            if (!down)
            {
                Elementwise.AddInPlace(output, x);
                Activations.Relu(output);
                return output;
            }

            using (output)
            {
                using var shortcut = Pooling.AvgPool(x, 2, 2, Padding.Valid);
                return AddZeroExtended(output, shortcut);
            }
        }

        private static Tensor AddZeroExtended(Tensor output, Tensor shortcut)
        {
            var height = shortcut.Height;
            var width = shortcut.Width;
            var channels = output.Channels;
            if (output.Batch != shortcut.Batch || output.Height > height || output.Width > width || shortcut.Channels > channels)
            {
                throw new NnShapeException($"Cannot add the shortcut {shortcut} to {output}.");
            }

            var result = Tensor.Rent(output.Batch, height, width, channels);
            var target = result.Span;
            for (var b = 0; b < output.Batch; b++)
            {
                for (var y = 0; y < height; y++)
                {
                    for (var x = 0; x < width; x++)
                    {
                        var cell = target.Slice(((((b * height) + y) * width) + x) * channels, channels);
                        if (y < output.Height && x < output.Width)
                        {
                            output.Span.Slice(((((b * output.Height) + y) * output.Width) + x) * channels, channels).CopyTo(cell);
                        }

                        var pooled = shortcut.Span.Slice(((((b * height) + y) * width) + x) * shortcut.Channels, shortcut.Channels);
                        System.Numerics.Tensors.TensorPrimitives.Add(cell[..shortcut.Channels], pooled, cell[..shortcut.Channels]);
                    }
                }
            }

            Activations.Relu(result);
            return result;
        }
    }
}
