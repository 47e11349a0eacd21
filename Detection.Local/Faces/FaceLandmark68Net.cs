using Glance.Inference.Nn;
namespace Glance.Detection.Local.Faces;

/// <summary>
/// face-api's full 68-point landmark net: four dense blocks of depthwise-separable convolutions (32, 64, 128, 256
/// channels, each halving the size) over the face crop padded to a square and resized to 112, a 7x7 average pool and
/// a fully connected layer giving 136 coordinates relative to the padded square, run by the chosen
/// <see cref="FaceEngine"/> (the input sampling and the post-processing are the same for both). Safe to call from
/// several threads.
/// </summary>
public sealed class FaceLandmark68Net : IDisposable
{
    internal const int InputSize = 112;

    /// <summary>The input's channels, then each dense block's.</summary>
    internal static readonly int[] BlockChannels = [3, 32, 64, 128, 256];

    private static readonly float[] MeanRgb = [122.782f, 117.001f, 104.298f];

    private readonly DenseBlock[] blocks = [];
    private readonly PackedMatrix? fc;
    private readonly FaceOnnxSession? onnx;

    /// <param name="threads">ONNX Runtime's intra-op threads for one run (the managed engine uses <see cref="NnParallel"/>).</param>
    public FaceLandmark68Net(TfjsWeightMap weights, FaceEngine engine = FaceEngine.Managed, int threads = 1)
    {
        ArgumentNullException.ThrowIfNull(weights);
        if (engine == FaceEngine.OnnxRuntime)
        {
            onnx = new FaceOnnxSession(FaceLandmark68OnnxModel.Build(weights), threads);
            return;
        }

        blocks = new DenseBlock[BlockChannels.Length - 1];
        for (var i = 0; i < blocks.Length; i++)
        {
            blocks[i] = new DenseBlock(weights, $"dense{i}", BlockChannels[i], BlockChannels[i + 1], firstIsRegularConv: i == 0);
        }

        fc = FullyConnected.Pack(weights.Tensor("fc/weights", 256, 136), weights.Floats("fc/bias", 136));
    }

    public FaceEngine Engine => onnx is null ? FaceEngine.Managed : FaceEngine.OnnxRuntime;

    /// <summary>Landmarks of the face in <paramref name="crop"/> (a region of <paramref name="image"/>), in image pixels.</summary>
    public FaceLandmarks Detect(RgbImage image, PixelRegion crop)
    {
        ArgumentNullException.ThrowIfNull(image);
        using var input = NetInputSampler.Sample(image, crop, centered: true, InputSize, MeanRgb);
        var relative = Forward(input);

        // face-api's post-processing: undo the centring padding in the scaled (unrounded) square, then scale to the crop.
        var scale = InputSize / (double)Math.Max(crop.Width, crop.Height);
        var scaledWidth = crop.Width * scale;
        var scaledHeight = crop.Height * scale;
        var padX = scaledWidth < scaledHeight ? Math.Abs(scaledWidth - scaledHeight) / 2 : 0;
        var padY = scaledHeight < scaledWidth ? Math.Abs(scaledWidth - scaledHeight) / 2 : 0;
        var coordinates = new float[FaceLandmarks.Count * 2];
        for (var i = 0; i < FaceLandmarks.Count; i++)
        {
            var x = ((relative[2 * i] * InputSize) - padX) / scaledWidth;
            var y = ((relative[(2 * i) + 1] * InputSize) - padY) / scaledHeight;
            coordinates[2 * i] = (float)(crop.X + (x * crop.Width));
            coordinates[(2 * i) + 1] = (float)(crop.Y + (y * crop.Height));
        }

        return new FaceLandmarks(coordinates);
    }

    /// <summary>The net's 136 outputs for a prepared [1, 112, 112, 3] input.</summary>
    internal float[] Forward(Tensor input)
    {
        if (onnx is not null)
        {
            return onnx.Run(input);
        }

        var x = input;
        foreach (var block in blocks)
        {
            var next = block.Apply(x);
            if (!ReferenceEquals(x, input))
            {
                x.Dispose();
            }

            x = next;
        }

        using var pooled = Pooling.AvgPool(x, 7, 2, Padding.Valid);
        x.Dispose();
        using var output = FullyConnected.Apply(pooled.Reshape(1, pooled.Length), fc!);
        return output.ToArray();
    }

    public void Dispose() => onnx?.Dispose();

    /// <summary>out1 = relu(conv0 x); out_k = sepconv(relu(out1 + ... + out_{k-1})); result = relu(out1 + ... + out4).</summary>
    private sealed class DenseBlock
    {
        private readonly ConvWeights? regular;
        private readonly (DepthwiseWeights Depthwise, ConvWeights Pointwise)[] separable = new (DepthwiseWeights, ConvWeights)[4];

        public DenseBlock(TfjsWeightMap weights, string prefix, int inChannels, int outChannels, bool firstIsRegularConv)
        {
            if (firstIsRegularConv)
            {
                regular = ConvWeights.Create(weights.Tensor($"{prefix}/conv0/filters", 3, 3, inChannels, outChannels), weights.Floats($"{prefix}/conv0/bias", outChannels));
            }

            for (var i = firstIsRegularConv ? 1 : 0; i < 4; i++)
            {
                var inC = i == 0 ? inChannels : outChannels;
                separable[i] = (
                    DepthwiseWeights.Create(weights.Tensor($"{prefix}/conv{i}/depthwise_filter", 3, 3, inC, 1), []),
                    ConvWeights.Create(weights.Tensor($"{prefix}/conv{i}/pointwise_filter", 1, 1, inC, outChannels), weights.Floats($"{prefix}/conv{i}/bias", outChannels)));
            }
        }

        public Tensor Apply(Tensor x)
        {
            using var out1 = regular is not null
                ? Conv2D.Apply(x, regular, 2, Padding.Same, Activation.Relu)
                : Separable(x, 0, 2, Activation.Relu);
            using var out2 = Separable(out1, 1, 1, Activation.None);
            using var sum = Elementwise.Add(out1, out2);
            using var in3 = sum.Clone();
            Activations.Relu(in3);
            using var out3 = Separable(in3, 2, 1, Activation.None);
            Elementwise.AddInPlace(sum, out3);
            using var in4 = sum.Clone();
            Activations.Relu(in4);
            using var out4 = Separable(in4, 3, 1, Activation.None);
            var result = Elementwise.Add(sum, out4);
            Activations.Relu(result);
            return result;
        }

        private Tensor Separable(Tensor x, int index, int stride, Activation activation)
        {
            using var depthwise = DepthwiseConv2D.Apply(x, separable[index].Depthwise, stride, Padding.Same);
            return Conv2D.Apply(depthwise, separable[index].Pointwise, 1, Padding.Valid, activation);
        }
    }
}
