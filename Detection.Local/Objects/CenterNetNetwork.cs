using System.Buffers;
using System.Numerics.Tensors;
using Glance.Inference.Graph;
using Glance.Inference.Nn;
using Microsoft.ML.OnnxRuntime;

namespace Glance.Detection.Local.Objects;

/// <summary>
/// @vladmandic/human's CenterNet (MobileNetV3 backbone, COCO-80) on ONNX Runtime or the graph executor
/// (<see cref="ObjectEngine"/>). One forward pass per frame gives both the detection candidates and the backbone
/// embedding for custom classifiers; detectors share it through <see cref="AnalyzeSharedAsync"/>. Thread-safe: frames
/// may be analyzed concurrently.
/// </summary>
public sealed class CenterNetNetwork : IDisposable
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

    private readonly CenterNetOnnxRunner? onnx;

    private CenterNetNetwork(GraphExecutor? executor, CenterNetOnnxRunner? onnx, string source)
    {
        Executor = executor;
        this.onnx = onnx;
        Source = source;
    }

    /// <summary>
    /// The whole graph on the C# executor, the reference for the other engine; null with <see cref="ObjectEngine.OnnxRuntime"/>,
    /// which does not compile it (its packed weights and start-up time would go unused).
    /// </summary>
    public GraphExecutor? Executor { get; }

    public ObjectEngine Engine => onnx is null ? ObjectEngine.Graph : ObjectEngine.OnnxRuntime;

    /// <summary>Where the model was loaded from.</summary>
    public string Source { get; }

    /// <param name="engine">What runs the network; ONNX Runtime uses <see cref="NnParallel.MaxDegreeOfParallelism"/> threads per run, as the graph executor does.</param>
    public static CenterNetNetwork Load(string modelJsonPath, ObjectEngine engine = ObjectEngine.OnnxRuntime)
    {
        ArgumentException.ThrowIfNullOrEmpty(modelJsonPath);
        if (!Enum.IsDefined(engine))
        {
            throw new ObjectModelException($"{ObjectDetectionOptions.SectionName}:{nameof(ObjectDetectionOptions.Engine)} must be one of {string.Join(", ", Enum.GetNames<ObjectEngine>())}.");
        }

        try
        {
            var (manifest, weights) = TfjsWeightsLoader.Load(modelJsonPath);
            var topology = GraphTopology.Of(manifest, weights.Source);
            if (!topology.ByName.TryGetValue(InputNode, out var input) || input.Op != "Placeholder")
            {
                throw new ObjectModelException($"{modelJsonPath} has no input '{InputNode}'; is it human's centernet.json?");
            }

            return engine == ObjectEngine.Graph
                ? new CenterNetNetwork(GraphExecutor.Create(topology.Nodes, weights), null, modelJsonPath)
                : new CenterNetNetwork(null, CenterNetOnnxRunner.Create(topology, weights, NnParallel.MaxDegreeOfParallelism), modelJsonPath);
        }
        catch (Exception error) when (error is GraphModelException or TfjsWeightsException)
        {
            throw new ObjectModelException($"The object model '{modelJsonPath}' cannot be used: {error.Message} Reinstall it with scripts/setup.", error);
        }
        catch (OnnxRuntimeException error)
        {
            throw new ObjectModelException(
                $"ONNX Runtime cannot run the object model '{modelJsonPath}' ({error.Message}); set {ObjectDetectionOptions.SectionName}:" +
                $"{nameof(ObjectDetectionOptions.Engine)} to {nameof(ObjectEngine.Graph)} to use the graph executor.", error);
        }
    }

    public static CenterNetNetwork Load(ObjectDetectionOptions options, string? contentRoot)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Load(ObjectModelLocator.ResolveCenterNet(options, contentRoot), options.Engine);
    }

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
            if (onnx is not null)
            {
                var (detections, features) = onnx.Run(input, cancellationToken, profile);
                results = [detections];
                return new ObjectNetworkOutput(ReadCandidates(detections), features);
            }

            var feeds = new Dictionary<string, GraphValue>(StringComparer.Ordinal)
            {
                [InputNode] = GraphValue.FromFloats(input, 1, InputSize, InputSize, 3),
            };
            results = Executor!.Run(feeds, Outputs, cancellationToken, profile);
            if (results[1].Rank != 4 || results[1].Shape[0] != 1 || !results[1].IsFloat)
            {
                throw new ObjectModelException($"{Source}: '{FeatureNode}' is {results[1]}, expected float [1, H, W, C].");
            }

            return new ObjectNetworkOutput(ReadCandidates(results[0]), PoolFeatures(results[1].Floats, results[1].Shape));
        }
        catch (GraphModelException error)
        {
            throw new ObjectModelException($"The object model '{Source}' failed on a {image.Width}x{image.Height} frame: {error.Message}", error);
        }
        catch (OnnxRuntimeException error)
        {
            throw new ObjectModelException($"ONNX Runtime failed on a {image.Width}x{image.Height} frame of the object model '{Source}': {error.Message}", error);
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

    /// <summary>The global average of an NHWC [1, H, W, C] feature map: one value per channel.</summary>
    internal static float[] PoolFeatures(ReadOnlySpan<float> values, int[] shape)
    {
        var channels = shape[3];
        var pixels = shape[1] * shape[2];
        var pooled = new float[channels];
        for (var p = 0; p < pixels; p++)
        {
            TensorPrimitives.Add(pooled, values.Slice(p * channels, channels), pooled);
        }

        TensorPrimitives.Divide(pooled, pixels, pooled);
        return pooled;
    }

    public void Dispose() => onnx?.Dispose();
}
