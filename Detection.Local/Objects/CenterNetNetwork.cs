using System.Buffers;
using System.Numerics.Tensors;
using Glance.Inference.Graph;
using Glance.Media.Frames;

namespace Glance.Detection.Local.Objects;

/// <summary>
/// @vladmandic/human's CenterNet (MobileNetV3 backbone, COCO-80) on the graph executor. One forward pass per frame
/// gives both the detection candidates and the backbone embedding for custom classifiers; detectors share it through
/// <see cref="AnalyzeSharedAsync"/>. Thread-safe: frames may be analyzed concurrently.
/// </summary>
public sealed class CenterNetNetwork
{
    /// <summary>The network sees the whole frame squashed to this square, as human feeds it.</summary>
    public const int InputSize = 512;

    public const string InputNode = "tower_0/images";
    public const string DetectionsNode = "tower_0/detections";

    /// <summary>
    /// The backbone's last layer (a 1x1 convolution to 480 channels with hard swish, stride 32) before the detection
    /// head: the layer MobileNetV3 classifiers average-pool for their logits, so its global average is a whole-image
    /// descriptor trained on COCO's scenes.
    /// </summary>
    public const string FeatureNode = "tower_0/extern1/hard_swish/mul_1";

    /// <summary>The key under which a frame's analysis is memoized in <see cref="DetectionFrame"/>.</summary>
    public const string SharedKey = "local.objects.centernet";

    private static readonly string[] Outputs = [DetectionsNode, FeatureNode];

    private CenterNetNetwork(GraphExecutor executor, string source)
    {
        Executor = executor;
        Source = source;
        if (!executor.Inputs.Contains(InputNode))
        {
            throw new ObjectModelException($"{source} has no input '{InputNode}'; is it human's centernet.json?");
        }
    }

    public GraphExecutor Executor { get; }

    /// <summary>Where the model was loaded from.</summary>
    public string Source { get; }

    public static CenterNetNetwork Load(string modelJsonPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(modelJsonPath);
        try
        {
            return new CenterNetNetwork(GraphExecutor.Load(modelJsonPath), modelJsonPath);
        }
        catch (GraphModelException error)
        {
            throw new ObjectModelException($"The object model '{modelJsonPath}' cannot be used: {error.Message} Reinstall it with scripts/setup.", error);
        }
    }

    public static CenterNetNetwork Load(ObjectDetectionOptions options, string? contentRoot) => Load(ObjectModelLocator.ResolveCenterNet(options, contentRoot));

    /// <summary>Runs the network on <paramref name="image"/> (any size; it is resized to <see cref="InputSize"/> square).</summary>
    public ObjectNetworkOutput Analyze(RgbImage image, CancellationToken cancellationToken = default, GraphRunProfile? profile = null)
    {
        ArgumentNullException.ThrowIfNull(image);
        var length = InputSize * InputSize * 3;
        var input = ArrayPool<float>.Shared.Rent(length);
        GraphValue[]? results = null;
        try
        {
            NetworkInputResizer.Resize(image, InputSize, input);
            var feeds = new Dictionary<string, GraphValue>(StringComparer.Ordinal)
            {
                [InputNode] = GraphValue.FromFloats(input, 1, InputSize, InputSize, 3),
            };
            results = Executor.Run(feeds, Outputs, cancellationToken, profile);
            return new ObjectNetworkOutput(ReadCandidates(results[0]), PoolFeatures(results[1]));
        }
        catch (GraphModelException error)
        {
            throw new ObjectModelException($"The object model '{Source}' failed on a {image.Width}x{image.Height} frame: {error.Message}", error);
        }
        finally
        {
            if (results is not null)
            {
                foreach (var result in results)
                {
                    result.Dispose();
                }
            }

            ArrayPool<float>.Shared.Return(input);
        }
    }

    /// <summary>The frame's analysis, computed once per frame however many detectors ask for it.</summary>
    public Task<ObjectNetworkOutput> AnalyzeSharedAsync(DetectionFrame frame, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(frame);
        // Inference is CPU-bound: run it off the caller's thread.
        return frame.SharedAsync(SharedKey, token => Task.Run(() => Analyze(frame.Image, token), token), cancellationToken);
    }

    private CenterNetCandidate[] ReadCandidates(GraphValue detections)
    {
        if (detections.Rank != 3 || detections.Shape[0] != 1 || detections.Shape[2] != 6 || !detections.IsFloat)
        {
            throw new ObjectModelException($"{Source}: '{DetectionsNode}' is {detections}, expected float [1, N, 6].");
        }

        var rows = detections.Floats;
        var candidates = new CenterNetCandidate[detections.Shape[1]];
        for (var i = 0; i < candidates.Length; i++)
        {
            var row = rows.Slice(i * 6, 6);
            // The class channel is an integer index cast to float; NaN (never seen) maps to an invalid id that decoding skips.
            var classId = float.IsNaN(row[5]) ? -1 : (int)MathF.Round(row[5]);
            candidates[i] = new CenterNetCandidate(row[0], row[1], row[2], row[3], row[4], classId);
        }

        return candidates;
    }

    private float[] PoolFeatures(GraphValue featureMap)
    {
        if (featureMap.Rank != 4 || featureMap.Shape[0] != 1 || !featureMap.IsFloat)
        {
            throw new ObjectModelException($"{Source}: '{FeatureNode}' is {featureMap}, expected float [1, H, W, C].");
        }

        var channels = featureMap.Shape[3];
        var pixels = featureMap.Shape[1] * featureMap.Shape[2];
        var values = featureMap.Floats;
        var pooled = new float[channels];
        for (var p = 0; p < pixels; p++)
        {
            TensorPrimitives.Add(pooled, values.Slice(p * channels, channels), pooled);
        }

        TensorPrimitives.Divide(pooled, pixels, pooled);
        return pooled;
    }
}
