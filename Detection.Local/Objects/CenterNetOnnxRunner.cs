using System.Buffers;
using Glance.Inference.Graph;
using Glance.Inference.Nn;
using Glance.Inference.Onnx;
using Microsoft.ML.OnnxRuntime;

namespace Glance.Detection.Local.Objects;

/// <summary>
/// CenterNet with its convolutional body (backbone and head, up to the heatmap's 3x3 peaks, the box sizes and the
/// feature layer) on ONNX Runtime, converted from the TF.js graph at load time, and the rest (top-k, index arithmetic,
/// gather: a few thousand cheap operations on integers) on the graph executor, exactly as the whole-graph path runs it. Thread-safe: ONNX Runtime sessions serve concurrent runs.
/// </summary>
internal sealed class CenterNetOnnxRunner : IDisposable
{
    /// <summary>The heatmap with every value that is not its 3x3 neighbourhood's maximum zeroed: the peaks top-k picks from.</summary>
    public const string PeaksNode = "tower_0/mul_1";

    /// <summary>Each heatmap pixel's box extents.</summary>
    public const string SizesNode = "tower_0/wh";

    private static readonly string[] BodyOutputs = [PeaksNode, SizesNode, CenterNetNetwork.FeatureNode];
    private static readonly string[] TailOutputs = [CenterNetNetwork.DetectionsNode];

    private readonly OnnxModelSession body;
    private readonly GraphExecutor tail;

    private CenterNetOnnxRunner(OnnxModelSession body, GraphExecutor tail)
    {
        this.body = body;
        this.tail = tail;
    }

    /// <param name="threads">ONNX Runtime's intra-op threads for one run (the graph executor's <see cref="NnParallel"/> degree, for a like-for-like choice).</param>
    public static CenterNetOnnxRunner Create(GraphTopology topology, TfjsWeightMap weights, int threads)
    {
        var model = TfjsOnnxConverter.Convert(topology, weights, CenterNetNetwork.InputNode, [1, CenterNetNetwork.InputSize, CenterNetNetwork.InputSize, 3], BodyOutputs);
        var tail = GraphExecutor.Create(topology.Below([PeaksNode, SizesNode], TailOutputs), weights);
        return new CenterNetOnnxRunner(new OnnxModelSession(model, threads, CenterNetNetwork.InputNode, BodyOutputs), tail);
    }

    /// <param name="input">The NHWC input, <see cref="CenterNetNetwork.InputSize"/> square, 3 channels (may be longer).</param>
    /// <returns>The detections tensor [1, N, 6] (the caller disposes it) and the pooled features.</returns>
    public (GraphValue Detections, float[] Features) Run(float[] input, CancellationToken cancellationToken, GraphRunProfile? profile)
    {
        const int side = CenterNetNetwork.InputSize;
        var outputs = body.Run(input.AsMemory(0, side * side * 3), [1, side, side, 3], cancellationToken);
        using (outputs)
        {
            var peaks = Rent(outputs[0], out var peakShape);
            var sizes = Rent(outputs[1], out var sizeShape);
            try
            {
                var feeds = new Dictionary<string, GraphValue>(StringComparer.Ordinal)
                {
                    [PeaksNode] = GraphValue.FromFloats(peaks, peakShape),
                    [SizesNode] = GraphValue.FromFloats(sizes, sizeShape),
                };
                var detections = tail.Run(feeds, TailOutputs, cancellationToken, profile)[0];
                var featureShape = outputs[2].GetTensorTypeAndShape().Shape;
                var features = CenterNetNetwork.PoolFeatures(outputs[2].GetTensorDataAsSpan<float>(), featureShape.Select(d => (int)d).ToArray());
                return (detections, features);
            }
            finally
            {
                ArrayPool<float>.Shared.Return(peaks);
                ArrayPool<float>.Shared.Return(sizes);
            }
        }
    }

    public void Dispose() => body.Dispose();

    /// <summary>A pooled copy of an output, for the graph executor (which reads managed arrays).</summary>
    private static float[] Rent(OrtValue value, out int[] shape)
    {
        shape = [.. value.GetTensorTypeAndShape().Shape.Select(d => (int)d)];
        var data = value.GetTensorDataAsSpan<float>();
        var copy = ArrayPool<float>.Shared.Rent(data.Length);
        data.CopyTo(copy);
        return copy;
    }
}
