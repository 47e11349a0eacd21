using Glance.Inference.Nn;
namespace Glance.Detection.Local.Faces;

/// <summary>
/// face-api's TinyFaceDetector: a MobileNet-style YOLOv2 (a 3x3 conv, then five depthwise-separable convs with max
/// pooling, leaky ReLU 0.1) over the image zero-padded to a square and resized to the input size, giving a 13x13 grid
/// (at 416) of 5 anchors x (x, y, w, h, objectness), run by the chosen <see cref="FaceEngine"/> (input sampling and
/// decoding are the same for both). Boxes are decoded YOLO-style and merged by non-maximum suppression.
/// Immutable after construction; safe to call from several threads.
/// </summary>
public sealed class TinyFaceDetector : IDisposable
{
    internal const float LeakyAlpha = 0.1f;

    /// <summary>The head's channels per grid cell: 5 anchors x (x, y, w, h, objectness).</summary>
    internal const int HeadChannels = 25;

    /// <summary>conv0's output channels, then each depthwise-separable layer's.</summary>
    internal static readonly int[] Channels = [16, 32, 64, 128, 256, 512];

    private static readonly float[] MeanRgb = [117.001f, 114.697f, 97.404f];
    private static readonly (double Width, double Height)[] Anchors =
    [
        (1.603231, 2.094468), (6.041143, 7.080126), (2.882459, 3.518061), (4.266906, 5.178857), (9.041765, 10.66308),
    ];

    private readonly ConvWeights? conv0;
    private readonly (DepthwiseWeights Depthwise, ConvWeights Pointwise)[] separable = [];
    private readonly ConvWeights? head;
    private readonly FaceOnnxSession? onnx;

    /// <param name="threads">ONNX Runtime's intra-op threads for one run (the managed engine uses <see cref="NnParallel"/>).</param>
    public TinyFaceDetector(TfjsWeightMap weights, FaceEngine engine = FaceEngine.Managed, int threads = 1)
    {
        ArgumentNullException.ThrowIfNull(weights);
        if (engine == FaceEngine.OnnxRuntime)
        {
            onnx = new FaceOnnxSession(TinyFaceDetectorOnnxModel.Build(weights), threads);
            return;
        }

        conv0 = ConvWeights.Create(weights.Tensor("conv0/filters", 3, 3, 3, Channels[0]), weights.Floats("conv0/bias", Channels[0]));
        separable = new (DepthwiseWeights, ConvWeights)[Channels.Length - 1];
        for (var i = 1; i < Channels.Length; i++)
        {
            var (inC, outC) = (Channels[i - 1], Channels[i]);
            separable[i - 1] = (
                DepthwiseWeights.Create(weights.Tensor($"conv{i}/depthwise_filter", 3, 3, inC, 1), []),
                ConvWeights.Create(weights.Tensor($"conv{i}/pointwise_filter", 1, 1, inC, outC), weights.Floats($"conv{i}/bias", outC)));
        }

        head = ConvWeights.Create(weights.Tensor("conv8/filters", 1, 1, Channels[^1], HeadChannels), weights.Floats("conv8/bias", HeadChannels));
    }

    public FaceEngine Engine => onnx is null ? FaceEngine.Managed : FaceEngine.OnnxRuntime;

    /// <summary>Faces in <paramref name="image"/>, best score first.</summary>
    public IReadOnlyList<DetectedFace> Detect(RgbImage image, int inputSize = 416, float scoreThreshold = 0.5f, float iouThreshold = 0.4f)
    {
        ArgumentNullException.ThrowIfNull(image);
        return Detect(image, new PixelRegion(0, 0, image.Width, image.Height), inputSize, scoreThreshold, iouThreshold);
    }

    /// <summary>
    /// Faces in one <paramref name="region"/> of <paramref name="image"/> (zero-padded to a square and resized to the
    /// input, as for a whole image), in pixels of the whole image, best score first. A region smaller than the input is
    /// magnified: that is how faces smaller than the detector's smallest anchor (~50 px at the input) are found.
    /// </summary>
    public IReadOnlyList<DetectedFace> Detect(RgbImage image, PixelRegion region, int inputSize, float scoreThreshold, float iouThreshold)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (inputSize < 32 || inputSize % 32 != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(inputSize), inputSize, "The detector input size must be a positive multiple of 32.");
        }

        using var input = NetInputSampler.Sample(image, region, centered: false, inputSize, MeanRgb);
        return Decode(Forward(input), inputSize / 32, region, inputSize, scoreThreshold, iouThreshold);
    }

    public void Dispose() => onnx?.Dispose();

    /// <summary>The raw head output [1, cells, cells, 25], flat, for a prepared input (cells = input side / 32).</summary>
    internal float[] Forward(Tensor input)
    {
        if (onnx is not null)
        {
            return onnx.Run(input);
        }

        var leaky = Activation.LeakyRelu(LeakyAlpha);
        var x = Conv2D.Apply(input, conv0!, 1, Padding.Valid, leaky);
        for (var i = 0; i < separable.Length; i++)
        {
            var pooled = Pooling.MaxPool(x, 2, 2, Padding.Same);
            x.Dispose();
            // face-api pads by one pixel then runs a 'valid' 3x3 depthwise conv: the same as 'same' padding here.
            using var depthwise = DepthwiseConv2D.Apply(pooled, separable[i].Depthwise, 1, Padding.Same);
            pooled.Dispose();
            x = Conv2D.Apply(depthwise, separable[i].Pointwise, 1, Padding.Valid, leaky);
        }

        // face-api's tiny detector pools before conv1..conv5 and once more (stride 1) after conv5.
        using var last = Pooling.MaxPool(x, 2, 1, Padding.Same);
        x.Dispose();
        using var output = Conv2D.Apply(last, head!, 1, Padding.Valid);
        return output.ToArray();
    }

    private static List<DetectedFace> Decode(float[] values, int cells, PixelRegion region, int inputSize, float scoreThreshold, float iouThreshold)
    {
        if (values.Length != cells * cells * HeadChannels)
        {
            throw new FaceModelException($"The face detector gave {values.Length} values for a {cells}x{cells} grid of {HeadChannels}.");
        }

        var (imageWidth, imageHeight) = (region.Width, region.Height);
        // face-api's correction for the padding: the image occupies round(w * s) x round(h * s) of the square input
        // (JavaScript rounding: halves go up, not to even).
        var scale = inputSize / (double)Math.Max(imageWidth, imageHeight);
        var correctionX = inputSize / Math.Floor((imageWidth * scale) + 0.5);
        var correctionY = inputSize / Math.Floor((imageHeight * scale) + 0.5);
        var candidates = new List<(double X, double Y, double W, double H, float Score)>();
        for (var row = 0; row < cells; row++)
        {
            for (var col = 0; col < cells; col++)
            {
                for (var anchor = 0; anchor < Anchors.Length; anchor++)
                {
                    var offset = (((row * cells) + col) * HeadChannels) + (anchor * 5);
                    var score = Sigmoid(values[offset + 4]);
                    if (score <= scoreThreshold)
                    {
                        continue;
                    }

                    var centerX = (col + Sigmoid(values[offset])) / cells * correctionX;
                    var centerY = (row + Sigmoid(values[offset + 1])) / cells * correctionY;
                    var width = Math.Exp(values[offset + 2]) * Anchors[anchor].Width / cells * correctionX;
                    var height = Math.Exp(values[offset + 3]) * Anchors[anchor].Height / cells * correctionY;
                    candidates.Add((centerX - (width / 2), centerY - (height / 2), width, height, (float)score));
                }
            }
        }

        var kept = NonMaxSuppression(candidates, iouThreshold);
        return kept.Select(c => new DetectedFace(region.X + (c.X * imageWidth), region.Y + (c.Y * imageHeight), c.W * imageWidth, c.H * imageHeight, c.Score)).ToList();
    }

    private static List<(double X, double Y, double W, double H, float Score)> NonMaxSuppression(
        List<(double X, double Y, double W, double H, float Score)> candidates, float iouThreshold)
    {
        var remaining = candidates.OrderByDescending(c => c.Score).ToList();
        var kept = new List<(double X, double Y, double W, double H, float Score)>();
        while (remaining.Count > 0)
        {
            var best = remaining[0];
            kept.Add(best);
            remaining = remaining.Skip(1).Where(c => IntersectionOverUnion(best, c) <= iouThreshold).ToList();
        }

        return kept;
    }

    private static double IntersectionOverUnion((double X, double Y, double W, double H, float Score) a, (double X, double Y, double W, double H, float Score) b)
    {
        var width = Math.Max(0, Math.Min(a.X + a.W, b.X + b.W) - Math.Max(a.X, b.X));
        var height = Math.Max(0, Math.Min(a.Y + a.H, b.Y + b.H) - Math.Max(a.Y, b.Y));
        var intersection = width * height;
        return intersection / ((a.W * a.H) + (b.W * b.H) - intersection);
    }

    private static double Sigmoid(float x) => 1.0 / (1.0 + Math.Exp(-x));
}
