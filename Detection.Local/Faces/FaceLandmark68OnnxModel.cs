using Glance.Inference.Nn;
using Glance.Inference.Onnx;
using static Glance.Inference.Onnx.OnnxGraphBuilder;

namespace Glance.Detection.Local.Faces;

/// <summary>
/// <see cref="FaceLandmark68Net"/>'s layers as an ONNX model, built in memory from the same TF.js weights: the NHWC
/// input [1, 112, 112, 3] is transposed once to NCHW (ONNX Runtime's native layout), filters go HWIO to OIHW and
/// depthwise filters become group convolutions; the output is the net's 136 relative coordinates.
/// </summary>
internal static class FaceLandmark68OnnxModel
{
    public static byte[] Build(TfjsWeightMap weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        return FaceOnnxSession.BuildModel([1, FaceLandmark68Net.InputSize, FaceLandmark68Net.InputSize, 3], (builder, x) => Layers(builder, weights, x));
    }

    private static string Layers(OnnxGraphBuilder builder, TfjsWeightMap weights, string x)
    {
        var channels = FaceLandmark68Net.BlockChannels;
        for (var i = 0; i < channels.Length - 1; i++)
        {
            x = DenseBlock(builder, weights, $"dense{i}", channels[i], channels[i + 1], firstIsRegularConv: i == 0, x);
        }

        var pooled = builder.AddPooling("AveragePool", "pool", x, 7, 2);
        var flat = builder.AddNode("Flatten", "flat", [pooled], Int("axis", 1));
        var last = channels[^1];
        const int outputs = FaceLandmarks.Count * 2;
        using var fc = weights.Tensor("fc/weights", last, outputs);
        return builder.AddNode("Gemm", "fc", [flat, builder.AddFloatConstant("fc/weights", fc.Span, last, outputs), builder.AddFloatConstant("fc/bias", weights.Floats("fc/bias", outputs), outputs)]);
    }

    /// <summary>The same sums and Relus as the managed block: relu(out1 + ... + out4), each sepconv fed relu of the sum so far.</summary>
    private static string DenseBlock(OnnxGraphBuilder builder, TfjsWeightMap weights, string prefix, int inChannels, int outChannels, bool firstIsRegularConv, string x)
    {
        string out1;
        if (firstIsRegularConv)
        {
            using var filter = weights.Tensor($"{prefix}/conv0/filters", 3, 3, inChannels, outChannels);
            out1 = builder.AddConvolution($"{prefix}/conv0", x, filter.Span, filter.Shape, weights.Floats($"{prefix}/conv0/bias", outChannels), 2, samePadding: true, relu: true);
        }
        else
        {
            out1 = Separable(builder, weights, prefix, 0, inChannels, outChannels, 2, x, relu: true);
        }

        var out2 = Separable(builder, weights, prefix, 1, outChannels, outChannels, 1, out1, relu: false);
        var sum = builder.AddNode("Add", $"{prefix}/sum2", [out1, out2]);
        var out3 = Separable(builder, weights, prefix, 2, outChannels, outChannels, 1, builder.AddNode("Relu", $"{prefix}/in3", [sum]), relu: false);
        sum = builder.AddNode("Add", $"{prefix}/sum3", [sum, out3]);
        var out4 = Separable(builder, weights, prefix, 3, outChannels, outChannels, 1, builder.AddNode("Relu", $"{prefix}/in4", [sum]), relu: false);
        return builder.AddNode("Relu", prefix, [builder.AddNode("Add", $"{prefix}/sum4", [sum, out4])]);
    }

    private static string Separable(OnnxGraphBuilder builder, TfjsWeightMap weights, string prefix, int index, int inChannels, int outChannels, int stride, string x, bool relu)
    {
        var name = $"{prefix}/conv{index}";
        using var depthwise = weights.Tensor($"{name}/depthwise_filter", 3, 3, inChannels, 1);
        using var pointwise = weights.Tensor($"{name}/pointwise_filter", 1, 1, inChannels, outChannels);
        var spatial = builder.AddConvolution($"{name}/depthwise", x, depthwise.Span, depthwise.Shape, [], stride, samePadding: true, depthwise: true);
        return builder.AddConvolution(name, spatial, pointwise.Span, pointwise.Shape, weights.Floats($"{name}/bias", outChannels), 1, samePadding: false, relu: relu);
    }
}
